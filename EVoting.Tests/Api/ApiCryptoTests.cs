using System.Security.Cryptography;
using EVoting.Api.Crypto;

namespace EVoting.Tests.Api;

public class ApiCryptoTests
{
    private static readonly byte[] Key = KeyDerivation.Derive("test-root-secret", "election-secret-v1");

    [Fact]
    public void A_sealed_secret_opens_for_its_own_election_only()
    {
        var sealer = new SecretSealer(Key);
        var secret = RandomNumberGenerator.GetBytes(32);
        var sealedSecret = sealer.Seal(secret, electionId: 7);

        Assert.Equal(secret, sealer.Open(sealedSecret, 7));
        Assert.ThrowsAny<CryptographicException>(() => sealer.Open(sealedSecret, 8));
    }

    [Fact]
    public void A_tampered_or_foreign_sealed_secret_does_not_open()
    {
        var sealedSecret = new SecretSealer(Key).Seal(RandomNumberGenerator.GetBytes(32), 1);
        var tampered = (byte[])sealedSecret.Clone();
        tampered[^1] ^= 1;
        Assert.ThrowsAny<CryptographicException>(() => new SecretSealer(Key).Open(tampered, 1));

        var otherKey = KeyDerivation.Derive("another-root-secret", "election-secret-v1");
        Assert.ThrowsAny<CryptographicException>(() => new SecretSealer(otherKey).Open(sealedSecret, 1));
    }

    [Fact]
    public void Sealing_twice_gives_different_bytes()
    {
        var sealer = new SecretSealer(Key);
        var secret = RandomNumberGenerator.GetBytes(32);
        Assert.NotEqual(sealer.Seal(secret, 1), sealer.Seal(secret, 1));
    }

    [Fact]
    public void Derived_keys_differ_by_label()
    {
        Assert.NotEqual(KeyDerivation.Derive("root", "a"), KeyDerivation.Derive("root", "b"));
        Assert.Equal(KeyDerivation.Derive("root", "a"), KeyDerivation.Derive("root", "a"));
    }

    [Fact]
    public void Nullifiers_are_deterministic_per_voter_and_election_and_match_the_chain_format()
    {
        var nullifier = new Nullifier(KeyDerivation.Derive("root", "nullifier-v1"));
        var n = nullifier.For(5, 9);
        Assert.Matches("^anon-[0-9a-f]{64}$", n);
        Assert.True(EVoting.Chain.TransactionValidator.IsNullifier(n));
        Assert.Equal(n, nullifier.For(5, 9));
        Assert.NotEqual(n, nullifier.For(5, 10));
        Assert.NotEqual(n, nullifier.For(6, 9));
        Assert.NotEqual(n, new Nullifier(KeyDerivation.Derive("other", "nullifier-v1")).For(5, 9));
    }
}
