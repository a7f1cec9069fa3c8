using System.Security.Cryptography;

namespace EVoting.Ballots;

/// <summary>The voter's tracking code: SHA-256(H_E ‖ enc(α_1) ‖ enc(β_1) ‖ … ‖ enc(α_k) ‖ enc(β_k)).</summary>
public static class BallotHash
{
    public static byte[] Compute(Election election, Ballot ballot) =>
        FromEncryptedVote(election, BallotWire.EncodeCiphertexts(ballot));

    /// <summary>From the wire form α1‖β1‖…‖αk‖βk (the transaction's encrypted_vote) directly.</summary>
    public static byte[] FromEncryptedVote(Election election, ReadOnlySpan<byte> encryptedVote)
    {
        var buffer = new byte[election.Hash.Length + encryptedVote.Length];
        election.Hash.CopyTo(buffer, 0);
        encryptedVote.CopyTo(buffer.AsSpan(election.Hash.Length));
        return SHA256.HashData(buffer);
    }

    public static string ComputeHex(Election election, Ballot ballot) => LowerHex.Encode(Compute(election, ballot));
}
