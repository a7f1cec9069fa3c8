using EVoting.Chain;

namespace EVoting.Validator.P2P;

/// <summary>
/// Proof of key possession in the handshake: each side signs
/// Keccak-256("EVOTE-P2P-HELLO-V1" ‖ genesis_hash[32] ‖ other side's nonce[32] ‖ own address[20])
/// with its validator key. Binding the genesis and the signer's address means a proof cannot be
/// replayed on another network or by another node.
/// </summary>
public static class Handshake
{
    public const string Domain = "EVOTE-P2P-HELLO-V1";

    public static Hash32 Digest(Hash32 genesisHash, ReadOnlySpan<byte> otherNonce, Address signer)
    {
        byte[] data = [.. System.Text.Encoding.ASCII.GetBytes(Domain), .. genesisHash.Span, .. otherNonce, .. signer.Span];
        return Keccak.Hash32(data);
    }

    public static Signature Prove(EthKey key, Hash32 genesisHash, ReadOnlySpan<byte> otherNonce) =>
        key.Sign(Digest(genesisHash, otherNonce, key.Address));

    public static bool Verify(Hash32 genesisHash, ReadOnlySpan<byte> myNonce, Address claimed, Signature proof) =>
        Signature.RecoverSigner(Digest(genesisHash, myNonce, claimed), proof) == claimed;
}
