/**
 * Why a ceremony message, a partial decryption or a challenged ballot is refused. Same strings as EVoting.Ballots'
 * TrusteeErrors, so testdata/trustees/negative.json expects one reason from both implementations.
 */
export const TrusteeErrors = {
  BadParameters: "guardians and quorum must satisfy 1 <= quorum <= guardians <= 255",
  BadGuardianIndex: "guardian index is not between 1 and the number of guardians",
  WrongCommitmentCount: "a guardian publishes exactly quorum commitments",
  CoefficientProofInvalid: "coefficient proof does not verify",
  ShareUnreadable: "encrypted share does not decrypt with this guardian's key",
  ShareMismatch: "share does not match the sender's commitments",
  PartialDecryptionInvalid: "partial decryption proof does not verify",
  TooFewShares: "fewer partial decryptions than the quorum",
  DuplicateGuardian: "a guardian appears twice in the decryption set",
  SpoiledNonceMismatch: "a challenged ballot's nonce or selection does not match its ciphertext",
  ElectionKeyMismatch: "election key is not the sum of the guardians' first commitments",
  VerificationKeyMismatch: "verification key does not match the commitments",

  MalformedJson: "trustee JSON is malformed",
  UnknownField: "trustee JSON has an unknown or duplicate field",
  MissingField: "trustee JSON is missing a field",
  BadShareCiphertext: "encrypted share ciphertext is not 48 bytes of lowercase hex",
  BadCount: "count must be a non-negative integer",
} as const;

export const MAX_GUARDIANS = 255;
