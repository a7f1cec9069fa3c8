using EVoting.Chain;

namespace EVoting.Validator.P2P;

/// <summary>
/// Proof of key possession in the handshake, over one transcript both sides compute alike:
/// T = Keccak-256("EVOTE-P2P-HELLO-V2" ‖ genesis_hash[32] ‖ Keccak-256(dialer's hello) ‖
/// Keccak-256(listener's hello)), the hellos as the exact payload bytes sent. Each side signs
/// Keccak-256(T ‖ role) with its validator key, role 1 for the dialer and 2 for the listener.
/// A hello carries its sender's nonce, validator address, genesis hash and endpoint, so the proof
/// binds both nonces, both addresses and the network; the role binds the direction. A party without
/// a key therefore cannot relay a proof from a connection it opened to another validator: there it
/// is the dialer with other hellos, so the validator's proof (as listener, over another transcript)
/// proves nothing on the first connection (docs/p2p.md "Handshake").
/// </summary>
public static class Handshake
{
    public const string Domain = "EVOTE-P2P-HELLO-V2";

    public enum Role : byte
    {
        Dialer = 1,
        Listener = 2,
    }

    public static Hash32 Transcript(Hash32 genesisHash, ReadOnlySpan<byte> dialerHello, ReadOnlySpan<byte> listenerHello)
    {
        byte[] data = [.. System.Text.Encoding.ASCII.GetBytes(Domain), .. genesisHash.Span,
            .. Keccak.Hash32(dialerHello).Span, .. Keccak.Hash32(listenerHello).Span];
        return Keccak.Hash32(data);
    }

    public static Hash32 Digest(Hash32 transcript, Role signer) => Keccak.Hash32([.. transcript.Span, (byte)signer]);

    public static Signature Prove(EthKey key, Hash32 transcript, Role role) => key.Sign(Digest(transcript, role));

    public static bool Verify(Hash32 transcript, Role role, Address claimed, Signature proof) =>
        Signature.RecoverSigner(Digest(transcript, role), proof) == claimed;
}
