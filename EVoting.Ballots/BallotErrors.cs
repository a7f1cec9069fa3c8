namespace EVoting.Ballots;

/// <summary>
/// Every reason a ballot, a key or a tally is rejected, in one place. The TypeScript module
/// (frontend/lib/crypto/errors.ts) uses the same strings, and the shared negative vectors in
/// testdata/ballots name them, so both sides must reject for the same reason.
/// </summary>
public static class BallotErrors
{
    public const string MalformedJson = "ballot JSON is malformed";
    public const string UnknownField = "ballot JSON has an unknown or duplicate field";
    public const string MissingField = "ballot JSON is missing a field";
    public const string BadElectionId = "election_id must be a non-negative integer";
    public const string WrongElection = "ballot is for another election";
    public const string WrongCandidateCount = "number of ciphertexts or proofs does not match the number of candidates";
    public const string WrongProofLength = "proof has the wrong number of entries";
    public const string WrongWireLength = "encrypted vote or proof has the wrong length";

    public const string PointNotHex = "point is not lowercase hex";
    public const string PointUncompressed = "point is uncompressed (65 bytes); only 33-byte compressed points are accepted";
    public const string PointInfinity = "point at infinity is not accepted";
    public const string PointWrongLength = "point is not 33 bytes";
    public const string PointBadPrefix = "point prefix is not 02 or 03";
    public const string PointNotOnCurve = "point is not on the curve";

    public const string ScalarNotHex = "scalar is not lowercase hex";
    public const string ScalarWrongLength = "scalar is not 32 bytes";
    public const string ScalarOutOfRange = "scalar is not below the group order";

    public const string RangeProofInvalid = "range proof does not verify";
    public const string SumProofInvalid = "sum proof does not verify";
    public const string BallotHashMismatch = "ballot hash does not match the ciphertexts";

    public const string BadElectionParameters = "election parameters are invalid (candidates >= 1, 1 <= max selections <= candidates)";
    public const string DecryptionProofInvalid = "decryption proof does not verify";
    public const string CountMismatch = "published count does not match the decryption";
}

/// <summary>A ballot, key or tally encoding that the spec rejects; <see cref="Reason"/> is a <see cref="BallotErrors"/> constant.</summary>
public sealed class BallotFormatException(string reason, string? where = null)
    : FormatException(where is null ? reason : $"{where}: {reason}")
{
    public string Reason { get; } = reason;
}
