using System.Text;
using EVoting.Chain;

namespace EVoting.Tests.Chain;

public class KeysAndSignaturesTests
{
    [Fact]
    public void Known_private_key_has_the_known_checksummed_address()
    {
        var key = EthKey.FromHex("0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318");
        Assert.Equal("0x2c7536E3605D9C16a7a3D7b1898e529396a65c23", key.Address.ToString());
    }

    [Fact]
    public void Keccak256_of_empty_input_is_ethereums_empty_hash()
    {
        Assert.Equal("0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470", Keccak.Hash32([]).ToString());
    }

    [Theory]
    [InlineData("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed", "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed")]
    [InlineData("0xFB6916095CA1DF60BB79CE92CE3EA74C37C5D359", "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359")]
    [InlineData("0xdbf03b407c01e7cd3cbea99509d93f8dddc8c6fb", "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB")]
    public void Addresses_are_accepted_in_any_case_and_written_in_eip55_case(string input, string eip55)
    {
        Assert.Equal(eip55, Address.Parse(input).ToString());
    }

    [Fact]
    public void A_signature_recovers_to_the_signer()
    {
        var key = EthKey.Generate();
        var digest = Keccak.Hash32("hello"u8);
        var signature = key.Sign(digest);
        Assert.Equal(key.Address, Signature.RecoverSigner(digest, signature));
        Assert.True(signature.V is 27 or 28);
    }

    /// <summary>The recovery id comes from R's y parity, flipped with s for low-s: both cases, many times.</summary>
    [Fact]
    public void Every_signature_recovers_to_its_signer_whatever_the_parity_of_R()
    {
        var key = EthKey.Generate();
        var seen = new HashSet<byte>();
        for (var i = 0; i < 64; i++)
        {
            var digest = Keccak.Hash32(BitConverter.GetBytes(i));
            var signature = key.Sign(digest);
            Assert.Equal(key.Address, Signature.RecoverSigner(digest, signature));
            seen.Add(signature.V);
        }
        Assert.Equal([(byte)27, (byte)28], seen.Order());
    }

    [Fact]
    public void A_signed_transaction_names_its_signer_as_sender_as_a_parsed_copy_recovers_it()
    {
        var key = EthKey.Generate();
        var tx = new Transaction { Kind = TxKind.ElectionClose, ChainId = 1, ElectionId = 3, Timestamp = 1_700_000_000 }.Sign(key);
        var parsed = TransactionJson.Parse(TransactionJson.Serialize(tx));

        Assert.Equal(key.Address, tx.Sender);
        Assert.Equal(key.Address, parsed.Sender);
        Assert.Equal(tx.Hash, parsed.Hash);
        // A copy with another signature does not keep the signer's address.
        Assert.NotEqual(key.Address, (tx with { Signature = EthKey.Generate().Sign(tx.Hash) }).Sender);
    }

    [Fact]
    public void Signing_is_deterministic()
    {
        var key = EthKey.Generate();
        var digest = Keccak.Hash32("same"u8);
        Assert.Equal(key.Sign(digest), key.Sign(digest));
    }

    /// <summary>
    /// viem's documented signMessage("hello world") output for Hardhat/Anvil account #0; the digest is
    /// EIP-191's keccak("\x19Ethereum Signed Message:\n11hello world"). Our signer (RFC 6979, low s)
    /// must produce the same 65 bytes, and our recovery must find that account, as ecrecover does.
    /// </summary>
    [Fact]
    public void Signatures_match_a_standard_ethereum_library_byte_for_byte()
    {
        var key = EthKey.FromHex("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
        Assert.Equal("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266", key.Address.ToString());
        var digest = Keccak.Hash32(Encoding.ASCII.GetBytes("\u0019Ethereum Signed Message:\n11hello world"));
        var expected = Signature.Parse("0xa461f509887bd19e312c0c58467ce8ff8e300d3c1a90b608a760c5b80318eaf15fe57c96f9175d6cd4daad4663763baa7e78836e067d0163e9a2ccf2ff753f5b1b");
        Assert.Equal(key.Address, Signature.RecoverSigner(digest, expected));
        Assert.Equal(expected, key.Sign(digest));
    }

    /// <summary>
    /// Nethereum, an independent Ethereum library, derives our addresses from our keys, recovers every
    /// signature EVoting.Chain makes over a 32-byte digest (no prefix) to the address EVoting.Chain
    /// reports, signs the same 65 bytes (both RFC 6979 with low s), and we recover its signatures.
    /// </summary>
    [Fact]
    public void Nethereum_recovers_our_signatures_to_the_addresses_we_report_and_we_recover_its()
    {
        Assert.Equal("0x2c7536E3605D9C16a7a3D7b1898e529396a65c23",
            new Nethereum.Signer.EthECKey("0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318").GetPublicAddress());
        var recoverer = new Nethereum.Signer.MessageSigner();
        for (var i = 0; i < 16; i++)
        {
            var key = EthKey.Generate();
            var digest = Keccak.Hash32(BitConverter.GetBytes(i));
            var ours = key.Sign(digest);
            var theirKey = new Nethereum.Signer.EthECKey(key.ToHex());
            Assert.Equal(key.Address.ToString(), theirKey.GetPublicAddress());
            Assert.Equal(key.Address.ToString(), recoverer.EcRecover(digest.ToArray(), ours.ToString()));

            var theirs = Nethereum.Signer.EthECDSASignature.CreateStringSignature(theirKey.SignAndCalculateV(digest.ToArray()));
            Assert.Equal(ours.ToString(), theirs);
            Assert.Equal(key.Address, Signature.RecoverSigner(digest, Signature.Parse(theirs)));
        }
    }

    [Fact]
    public void High_s_signatures_are_rejected()
    {
        var key = EthKey.Generate();
        var digest = Keccak.Hash32("x"u8);
        var bytes = key.Sign(digest).Span.ToArray();
        var n = Org.BouncyCastle.Math.BigInteger.ValueOf(0).Add(new Org.BouncyCastle.Math.BigInteger(
            "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", 16));
        var s = new Org.BouncyCastle.Math.BigInteger(1, bytes[32..64]);
        var highS = n.Subtract(s).ToByteArrayUnsigned();
        Array.Clear(bytes, 32, 32);
        highS.CopyTo(bytes, 64 - highS.Length);
        bytes[64] ^= 1; // the twin signature has the other recovery id
        Assert.Null(Signature.RecoverSigner(digest, new Signature(bytes)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(26)]
    [InlineData(29)]
    public void Signatures_with_a_bad_v_are_rejected(byte v)
    {
        var key = EthKey.Generate();
        var digest = Keccak.Hash32("x"u8);
        var bytes = key.Sign(digest).Span.ToArray();
        bytes[64] = v;
        Assert.Null(Signature.RecoverSigner(digest, new Signature(bytes)));
    }

    [Fact]
    public void A_signature_over_another_digest_recovers_to_someone_else()
    {
        var key = EthKey.Generate();
        var signature = key.Sign(Keccak.Hash32("a"u8));
        Assert.NotEqual(key.Address, Signature.RecoverSigner(Keccak.Hash32("b"u8), signature));
    }

    [Fact]
    public void A_key_never_prints_itself()
    {
        var key = EthKey.Generate();
        Assert.DoesNotContain(key.ToHex()[2..], key.ToString());
        Assert.Equal(key.Address, EthKey.FromHex(key.ToHex()).Address);
    }

    [Theory]
    [InlineData("0x")]
    [InlineData("0x00")]
    [InlineData("zz")]
    [InlineData("0x0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141")]
    public void Invalid_private_keys_are_refused(string hex)
    {
        Assert.Throws<FormatException>(() => EthKey.FromHex(hex));
    }
}
