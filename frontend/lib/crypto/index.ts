/**
 * Ballot cryptography for the browser (EVOTE-V1, docs/ballot-crypto.md). Byte-compatible with the
 * server's EVoting.Ballots; the shared vectors in testdata/ballots prove it.
 *
 *   encryptBallot({ electionId, publicKeyHex, candidates, maxSelections, selections }, onProgress?) -> BallotJson
 *   encryptBallotKeepingNonces(same) -> { ballot, nonces } (the nonces a challenge reveals)
 *   verifyBallot({ electionId, publicKeyHex, candidates, maxSelections }, ballot, onProgress?) -> { valid } | { valid: false, reason }
 *   ballotHash(election, ballot) -> lowercase hex tracking code
 *   electionHash(election) -> lowercase hex H_E
 *   verifyDecryption(election, resultsJson, onProgress?) -> { valid } | { valid: false, reason }
 *   (onProgress(done, total) is told after each proof, for a progress bar)
 *   verifyMerkleProof({ txHash, index, count, proof, root }) -> boolean
 *   verifyCeremony(ceremonyRecord) -> { valid } | { valid: false, reason }
 *   verifyThresholdResults(election, ceremonyRecord, results, onProgress?) -> { valid } | { valid: false, reason }
 *   verifyChallengedBallot(election, challengedBallot, onProgress?) -> { valid } | { valid: false, reason }
 *   (the trustee forms of docs/trustees.md; reasons are TrusteeErrors or BallotErrors, as in C#)
 *
 * Hex conventions: ballot and key values are lowercase hex without 0x (the spec's JSON form);
 * chain hashes for Merkle proofs may carry 0x.
 */
import { electionHashBytes } from "./challenge";
import { toElection, type ElectionParams } from "./election";
import { toHex } from "./group";

export { encryptBallot, encryptBallotKeepingNonces, verifyBallot, ballotHash, type EncryptBallotInput, type ProgressCallback, type VerifyResult } from "./ballot-encryption";
export type { BallotJson, CiphertextJson, ProofJson } from "./ballot-json";
export type { ElectionParams } from "./election";
export { verifyDecryption, type ResultsJson } from "./tally";
export { verifyMerkleProof, type MerkleProofInput } from "./merkle";
export { BallotErrors, BallotFormatError } from "./errors";
export { verifyCeremony, verifyThresholdResults, verifyChallengedBallot } from "./trustees";
export { TrusteeErrors } from "./trustee-errors";
export type { CeremonyJson, ChallengedBallotJson, PartialDecryptionJson, ThresholdResultJson } from "./trustee-json";

/** H_E of an election, lowercase hex (the results page shows it beside the key). */
export function electionHash(election: ElectionParams): string {
  const e = toElection(election);
  return toHex(electionHashBytes(e.id, e.candidates, e.publicKey));
}

/** One-hot selections for a single-choice ballot: choice is 1-based, 0 abstains. */
export function selectionsFor(candidates: number, choice: number): number[] {
  if (!Number.isInteger(choice) || choice < 0 || choice > candidates) {
    throw new Error(`choice must be 0 (abstain) or 1..${candidates}`);
  }
  return Array.from({ length: candidates }, (_, i) => (i + 1 === choice ? 1 : 0));
}
