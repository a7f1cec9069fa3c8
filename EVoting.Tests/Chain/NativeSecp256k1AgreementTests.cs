using System.Security.Cryptography;
using EVoting.Chain;
using NBitcoin.Secp256k1;

namespace EVoting.Tests.Chain;

/// <summary>
/// The chain signs and recovers with libsecp256k1 (native). NBitcoin.Secp256k1, an independent managed
/// implementation (the one inside Nethereum.Signer), must agree on every byte: the public key, the signature
/// (RFC 6979, low s), the recovery id in v, and the key each signature recovers to.
/// </summary>
public sealed class NativeSecp256k1AgreementTests
{
    [Fact]
    public void Ten_thousand_random_keys_and_digests_sign_and_recover_exactly_as_the_managed_library_does()
    {
        const int n = 10_000;
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        var lowS = 0;
        Parallel.For(0, n, new ParallelOptions { CancellationToken = TestContext.Current.CancellationToken }, i =>
        {
            var secret = RandomNumberGenerator.GetBytes(32);
            if (!ECPrivKey.TryCreate(secret, out var managed))
                return; // ≥ n or zero: odds ~2^-128
            var key = EthKey.FromHex(Convert.ToHexString(secret));
            var digest = new Hash32(RandomNumberGenerator.GetBytes(32));

            var managedPublic = new byte[65];
            managed.CreatePubKey().WriteToSpan(compressed: false, managedPublic, out _);
            if (!managedPublic.AsSpan(1).SequenceEqual(key.PublicKey))
                failures.Add($"{i}: public key differs");

            var ours = key.Sign(digest);
            if (!managed.TrySignRecoverable(digest.Span, out var theirs) || theirs is null)
            {
                failures.Add($"{i}: the managed library did not sign");
                return;
            }
            theirs.Deconstruct(out var r, out var s, out var recoveryId);
            var expected = new byte[Signature.Length];
            r.WriteToSpan(expected.AsSpan(0, 32));
            s.WriteToSpan(expected.AsSpan(32, 32));
            expected[64] = (byte)(27 + recoveryId);
            if (!ours.Span.SequenceEqual(expected))
                failures.Add($"{i}: signature differs");
            if (!s.IsHigh)
                Interlocked.Increment(ref lowS);

            if (Signature.RecoverSigner(digest, ours) != key.Address)
                failures.Add($"{i}: our recovery found another signer");
            if (!SecpRecoverableECDSASignature.TryCreateFromCompact(ours.Span[..64], ours.V - 27, out var parsed)
                || !ECPubKey.TryRecover(Context.Instance, parsed!, digest.Span, out var recovered)
                || recovered is null || !recovered.Equals(managed.CreatePubKey()))
                failures.Add($"{i}: the managed library recovers our signature to another key");
        });
        Assert.Empty(failures);
        Assert.InRange(lowS, n - 1, n); // every signature the managed library made was low-s too (one skipped key at most)
    }
}
