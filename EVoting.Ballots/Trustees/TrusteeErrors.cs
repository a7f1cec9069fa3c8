namespace EVoting.Ballots.Trustees;

/// <summary>Why a ceremony message, a partial decryption or a challenged ballot is refused (docs/trustees.md).</summary>
public static class TrusteeErrors
{
    public const string BadParameters = "guardians and quorum must satisfy 1 <= quorum <= guardians <= 255";
    public const string BadGuardianIndex = "guardian index is not between 1 and the number of guardians";
    public const string WrongCommitmentCount = "a guardian publishes exactly quorum commitments";
    public const string CoefficientProofInvalid = "coefficient proof does not verify";
    public const string ShareUnreadable = "encrypted share does not decrypt with this guardian's key";
    public const string ShareMismatch = "share does not match the sender's commitments";
    public const string PartialDecryptionInvalid = "partial decryption proof does not verify";
    public const string TooFewShares = "fewer partial decryptions than the quorum";
    public const string DuplicateGuardian = "a guardian appears twice in the decryption set";
    public const string SpoiledNonceMismatch = "a challenged ballot's nonce or selection does not match its ciphertext";
}
