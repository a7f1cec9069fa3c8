namespace EVoting.Ballots;

/// <summary>
/// The binary form a vote transaction carries (docs/ballot-crypto.md#wire-form):
/// encrypted_vote = α1‖β1‖…‖αk‖βk (33-byte points); proof = per candidate c0‖c1‖v0‖v1, then the
/// sum proof c0..cL‖v0..vL (32-byte scalars). Lengths must match k and L exactly.
/// </summary>
public static class BallotWire
{
    public static int EncryptedVoteLength(int candidates) => candidates * 2 * P256.PointLength;

    public static int ProofLength(int candidates, int maxSelections) =>
        (candidates * 4 + 2 * (maxSelections + 1)) * P256.ScalarLength;

    public static byte[] EncodeCiphertexts(Ballot ballot)
    {
        var bytes = new byte[EncryptedVoteLength(ballot.Ciphertexts.Count)];
        var at = 0;
        foreach (var ct in ballot.Ciphertexts)
        {
            ct.AlphaBytes.CopyTo(bytes, at);
            ct.BetaBytes.CopyTo(bytes, at + P256.PointLength);
            at += 2 * P256.PointLength;
        }
        return bytes;
    }

    public static byte[] EncodeProof(Ballot ballot)
    {
        using var stream = new MemoryStream();
        foreach (var proof in ballot.Proofs.Append(ballot.SumProof))
        {
            foreach (var c in proof.C)
                stream.Write(P256.EncodeScalar(c));
            foreach (var v in proof.V)
                stream.Write(P256.EncodeScalar(v));
        }
        return stream.ToArray();
    }

    /// <summary>Decodes the wire form for an election with k candidates and L max selections; throws <see cref="BallotFormatException"/>.</summary>
    public static Ballot Decode(ulong electionId, ReadOnlySpan<byte> encryptedVote, ReadOnlySpan<byte> proof, int candidates, int maxSelections)
    {
        if (candidates < 1 || maxSelections < 1 || maxSelections > candidates || candidates > Election.MaxCandidates)
            throw new BallotFormatException(BallotErrors.BadElectionParameters);
        if (encryptedVote.Length != EncryptedVoteLength(candidates) || proof.Length != ProofLength(candidates, maxSelections))
            throw new BallotFormatException(BallotErrors.WrongWireLength);
        var ciphertexts = new Ciphertext[candidates];
        for (var i = 0; i < candidates; i++)
        {
            var at = i * 2 * P256.PointLength;
            ciphertexts[i] = new Ciphertext(
                P256.DecodePoint(encryptedVote.Slice(at, P256.PointLength), $"encrypted_vote alpha {i + 1}"),
                P256.DecodePoint(encryptedVote.Slice(at + P256.PointLength, P256.PointLength), $"encrypted_vote beta {i + 1}"));
        }
        var offset = 0;
        var proofs = new RangeProof[candidates];
        for (var i = 0; i < candidates; i++)
            proofs[i] = ReadProof(proof, ref offset, 1, $"proof {i + 1}");
        var sum = ReadProof(proof, ref offset, maxSelections, "sum proof");
        return new Ballot(electionId, ciphertexts, proofs, sum);
    }

    public static bool TryDecode(ulong electionId, ReadOnlySpan<byte> encryptedVote, ReadOnlySpan<byte> proof, int candidates, int maxSelections, out Ballot? ballot, out string? reason)
    {
        try
        {
            ballot = Decode(electionId, encryptedVote, proof, candidates, maxSelections);
            reason = null;
            return true;
        }
        catch (BallotFormatException e)
        {
            ballot = null;
            reason = e.Reason;
            return false;
        }
    }

    private static RangeProof ReadProof(ReadOnlySpan<byte> proof, ref int offset, int bound, string where)
    {
        var c = new Org.BouncyCastle.Math.BigInteger[bound + 1];
        var v = new Org.BouncyCastle.Math.BigInteger[bound + 1];
        for (var j = 0; j <= bound; j++, offset += P256.ScalarLength)
            c[j] = P256.DecodeScalar(proof.Slice(offset, P256.ScalarLength), where);
        for (var j = 0; j <= bound; j++, offset += P256.ScalarLength)
            v[j] = P256.DecodeScalar(proof.Slice(offset, P256.ScalarLength), where);
        return new RangeProof(c, v);
    }
}
