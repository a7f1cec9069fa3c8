/** Re-checking a published tally: Chaum-Pedersen decryption proofs and T·K = B − D (no discrete log). */
import { concat, DECRYPTION_PROOF_TAG, hq } from "./challenge";
import { toElection, type Election, type ElectionParams } from "./election";
import { BallotErrors, BallotFormatError } from "./errors";
import { encodeTallyPoint, G, mulAdd, parseScalarHex, parseTallyPointHex, type Point, ZERO } from "./group";
import type { ProgressCallback, VerifyResult } from "./ballot-encryption";

/** The parts of `GET /api/elections/{id}/results` (docs/api.md#endpoints-the-contract) that the check reads. */
export interface ResultsJson {
  total_ballots: number;
  candidates: { id?: unknown; name?: string; count: number }[];
  /** A_i, B_i per candidate; "00" is the point at infinity (no ballots). */
  aggregate: { alpha: string; beta: string }[];
  decryption: { D: string; c: string; v: string }[];
}

export function decryptionChallenge(e: Election, A: Point, B: Point, a: Point, b: Point, D: Point): bigint {
  return hq(
    concat(
      e.hash,
      new Uint8Array([DECRYPTION_PROOF_TAG]),
      e.publicKey,
      ...[A, B, a, b, D].map(encodeTallyPoint),
    ),
  );
}

/** One candidate: proof of log_G K = log_A D, then count·K = B − D. Returns a BallotErrors reason or null. */
export function checkCandidateDecryption(
  e: Election,
  A: Point,
  B: Point,
  D: Point,
  c: bigint,
  v: bigint,
  count: number,
): string | null {
  const a = mulAdd(G, v, e.K, c);
  const b = A.is0() ? (c === 0n || D.is0() ? ZERO : D.multiplyUnsafe(c)) : mulAdd(A, v, D, c);
  if (decryptionChallenge(e, A, B, a, b, D) !== c) return BallotErrors.DecryptionProofInvalid;
  const expected = count === 0 ? ZERO : e.K.multiplyUnsafe(BigInt(count));
  return expected.equals(B.subtract(D)) ? null : BallotErrors.CountMismatch;
}

/** Verifies every candidate's decryption and count in a published result. */
export function verifyDecryption(election: ElectionParams, results: ResultsJson, onProgress?: ProgressCallback): VerifyResult {
  try {
    const e = toElection(election);
    const k = e.candidates;
    if (results.candidates.length !== k || results.aggregate.length !== k || results.decryption.length !== k) {
      return { valid: false, reason: BallotErrors.WrongCandidateCount };
    }
    for (let i = 0; i < k; i++) {
      const count = results.candidates[i].count;
      if (!Number.isSafeInteger(count) || count < 0 || count > results.total_ballots) {
        return { valid: false, reason: BallotErrors.CountMismatch };
      }
      const A = parseTallyPointHex(results.aggregate[i].alpha, `aggregate[${i}].alpha`);
      const B = parseTallyPointHex(results.aggregate[i].beta, `aggregate[${i}].beta`);
      const D = parseTallyPointHex(results.decryption[i].D, `decryption[${i}].D`);
      const c = parseScalarHex(results.decryption[i].c, `decryption[${i}].c`);
      const v = parseScalarHex(results.decryption[i].v, `decryption[${i}].v`);
      const reason = checkCandidateDecryption(e, A, B, D, c, v, count);
      if (reason) return { valid: false, reason };
      onProgress?.(i + 1, k);
    }
    return { valid: true };
  } catch (error) {
    if (error instanceof BallotFormatError) return { valid: false, reason: error.reason };
    throw error;
  }
}
