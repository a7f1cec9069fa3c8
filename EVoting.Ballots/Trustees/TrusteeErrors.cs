namespace EVoting.Ballots.Trustees;

/// <summary>
/// Why a ceremony message, a partial decryption or a challenged ballot is refused (docs/trustees.md). The TypeScript
/// module (frontend/lib/crypto/trustee-errors.ts) uses the same strings, and testdata/trustees/negative.json names them;
/// ComplaintProofInvalid is C#-only (the browser never makes or judges a complaint).
/// </summary>
public static class TrusteeErrors
{
    public const string BadParameters = "guardians and quorum must satisfy 1 <= quorum <= guardians <= 255";
    public const string BadGuardianIndex = "guardian index is not between 1 and the number of guardians";
    public const string WrongCommitmentCount = "a guardian publishes exactly quorum commitments";
    public const string CoefficientProofInvalid = "coefficient proof does not verify";
    public const string ShareUnreadable = "encrypted share does not decrypt with this guardian's key";
    public const string ShareMismatch = "share does not match the sender's commitments";
    public const string ComplaintProofInvalid = "complaint proof does not verify: the shared point is not the recipient's key times the share's R";
    public const string PartialDecryptionInvalid = "partial decryption proof does not verify";
    public const string TooFewShares = "fewer partial decryptions than the quorum";
    public const string DuplicateGuardian = "a guardian appears twice in the decryption set";
    public const string SpoiledNonceMismatch = "a challenged ballot's nonce or selection does not match its ciphertext";
    public const string ElectionKeyMismatch = "election key is not the sum of the guardians' first commitments";
    public const string VerificationKeyMismatch = "verification key does not match the commitments";

    public const string MalformedJson = "trustee JSON is malformed";
    public const string UnknownField = "trustee JSON has an unknown or duplicate field";
    public const string MissingField = "trustee JSON is missing a field";
    public const string BadShareCiphertext = "encrypted share ciphertext is not 48 bytes of lowercase hex";
    public const string BadCount = "count must be a non-negative integer";
}
