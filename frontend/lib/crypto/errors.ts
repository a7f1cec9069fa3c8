/**
 * Every reason a ballot, key or tally is rejected. Same strings as EVoting.Ballots' BallotErrors,
 * so the shared negative vectors (testdata/ballots) expect one reason from both implementations.
 */
export const BallotErrors = {
  MalformedJson: "ballot JSON is malformed",
  UnknownField: "ballot JSON has an unknown or duplicate field",
  MissingField: "ballot JSON is missing a field",
  BadElectionId: "election_id must be a non-negative integer",
  WrongElection: "ballot is for another election",
  WrongCandidateCount: "number of ciphertexts or proofs does not match the number of candidates",
  WrongProofLength: "proof has the wrong number of entries",
  WrongWireLength: "encrypted vote or proof has the wrong length",

  PointNotHex: "point is not lowercase hex",
  PointUncompressed: "point is uncompressed (65 bytes); only 33-byte compressed points are accepted",
  PointInfinity: "point at infinity is not accepted",
  PointWrongLength: "point is not 33 bytes",
  PointBadPrefix: "point prefix is not 02 or 03",
  PointNotOnCurve: "point is not on the curve",

  ScalarNotHex: "scalar is not lowercase hex",
  ScalarWrongLength: "scalar is not 32 bytes",
  ScalarOutOfRange: "scalar is not below the group order",

  RangeProofInvalid: "range proof does not verify",
  SumProofInvalid: "sum proof does not verify",
  BallotHashMismatch: "ballot hash does not match the ciphertexts",

  BadElectionParameters:
    "election parameters are invalid (candidates >= 1, 1 <= max selections <= candidates)",
  DecryptionProofInvalid: "decryption proof does not verify",
  CountMismatch: "published count does not match the decryption",
} as const;

export type BallotErrorReason = (typeof BallotErrors)[keyof typeof BallotErrors];

/** Thrown for an encoding the spec rejects; `reason` is one of {@link BallotErrors}. */
export class BallotFormatError extends Error {
  constructor(
    readonly reason: string,
    readonly where?: string,
  ) {
    super(where ? `${where}: ${reason}` : reason);
    this.name = "BallotFormatError";
  }
}
