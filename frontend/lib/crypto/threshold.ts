/**
 * Threshold decryption of a tally (docs/trustees.md "Decryption of a tally"): partial decryptions M_ℓ = s_ℓ·A with
 * Chaum-Pedersen proofs against K*_ℓ, the Lagrange combination D = Σ w_ℓ·M_ℓ, and the check T·K = B − D. Same order of
 * checks and reasons as the C# PartialDecryption, LagrangeCombination and ThresholdTally.
 */
import { p256 } from "@noble/curves/nist.js";
import { concat, hq, u32be } from "./challenge";
import type { Election } from "./election";
import { BallotErrors, BallotFormatError } from "./errors";
import { encodeTallyPoint, G, mod, mulAdd, mulSecret, N, type Point, ZERO } from "./group";
import { TrusteeErrors } from "./trustee-errors";
import type { PartialDecryption, ThresholdResult } from "./trustee-json";

export const PARTIAL_DECRYPTION_TAG = 0x31;

/** Hq(H_E ‖ 0x31 ‖ u32be(ℓ) ‖ enc(K*_ℓ) ‖ enc(A) ‖ enc(B) ‖ enc(a) ‖ enc(b) ‖ enc(M_ℓ)), tally encoding. */
function partialChallenge(e: Election, guardian: number, kStar: Point, A: Point, B: Point, a: Point, b: Point, M: Point): bigint {
  return hq(concat(e.hash, new Uint8Array([PARTIAL_DECRYPTION_TAG]), u32be(guardian), ...[kStar, A, B, a, b, M].map(encodeTallyPoint)));
}

/** Guardian ℓ with secret share s_ℓ decrypts (A, B), with a supplied proof nonce u (deterministic vectors). */
export function createPartialDecryption(e: Election, guardian: number, secretShare: bigint, kStar: Point, A: Point, B: Point, u: bigint): PartialDecryption {
  const M = A.is0() ? ZERO : mulSecret(A, secretShare);
  const a = mulSecret(G, u);
  const b = A.is0() ? ZERO : mulSecret(A, u);
  const c = partialChallenge(e, guardian, kStar, A, B, a, b, M);
  return { guardian, M, c, v: mod(u - c * secretShare) };
}

/** Null when a = v·G + c·K*_ℓ and b = v·A + c·M_ℓ recompute c; else why not. */
export function verifyPartialDecryption(e: Election, share: PartialDecryption, kStar: Point, A: Point, B: Point): string | null {
  const { M, c, v } = share;
  if (c >= N || v >= N) return BallotErrors.ScalarOutOfRange;
  const a = mulAdd(G, v, kStar, c);
  const b = A.is0() ? (M.is0() || c === 0n ? ZERO : M.multiplyUnsafe(c)) : mulAdd(A, v, M, c);
  return partialChallenge(e, share.guardian, kStar, A, B, a, b, M) === c ? null : TrusteeErrors.PartialDecryptionInvalid;
}

/** w_ℓ = Π_{j∈S, j≠ℓ} j·(j − ℓ)^{−1} mod n. */
export function lagrangeCoefficient(guardian: number, set: number[]): bigint {
  let w = 1n;
  for (const j of set) {
    if (j !== guardian) w = mod(w * BigInt(j) * p256.Point.Fn.inv(mod(BigInt(j - guardian))));
  }
  return w;
}

/** D = Σ_{ℓ∈S} w_ℓ·M_ℓ over verified shares; throws when a guardian repeats or there are fewer than q. */
export function combineShares(shares: PartialDecryption[], quorum: number): Point {
  const set = shares.map((s) => s.guardian);
  if (new Set(set).size !== set.length) throw new BallotFormatError(TrusteeErrors.DuplicateGuardian);
  if (set.length < quorum) throw new BallotFormatError(TrusteeErrors.TooFewShares);
  return shares.reduce((d, s) => (s.M.is0() ? d : d.add(s.M.multiplyUnsafe(lagrangeCoefficient(s.guardian, set)))), ZERO);
}

export interface ThresholdCeremony {
  guardians: number;
  quorum: number;
  /** K*_1 … K*_g. */
  verificationKeys: Point[];
}

/** Null when every share in S verifies against K*_ℓ, S has q distinct guardians, and T·K = B − D; else why not. */
export function verifyThresholdResult(e: Election, ceremony: ThresholdCeremony, result: ThresholdResult): string | null {
  const used: PartialDecryption[] = [];
  for (const guardian of result.set) {
    if (guardian < 1 || guardian > ceremony.guardians) return TrusteeErrors.BadGuardianIndex;
    const share = result.shares.find((s) => s.guardian === guardian);
    if (!share) return TrusteeErrors.TooFewShares;
    const error = verifyPartialDecryption(e, share, ceremony.verificationKeys[guardian - 1], result.A, result.B);
    if (error) return error;
    used.push(share);
  }
  let D: Point;
  try {
    D = combineShares(used, ceremony.quorum);
  } catch (error) {
    if (error instanceof BallotFormatError) return error.reason;
    throw error;
  }
  if (result.count < 0) return BallotErrors.CountMismatch;
  const expected = result.count === 0 ? ZERO : e.K.multiplyUnsafe(BigInt(result.count));
  return expected.equals(result.B.subtract(D)) ? null : BallotErrors.CountMismatch;
}

/**
 * Verifies every posted share, uses the first q that verify (one per guardian), and finds each count in
 * [0, ballotCount] (a linear search: for vectors and small tallies; the server uses baby-step giant-step).
 */
export function combineThreshold(
  e: Election,
  ceremony: ThresholdCeremony,
  aggregate: { A: Point[]; B: Point[]; ballotCount: number },
  sharesByCandidate: PartialDecryption[][],
): { results: ThresholdResult[]; D: Point[] } {
  const results: ThresholdResult[] = [];
  const D: Point[] = [];
  sharesByCandidate.forEach((posted, i) => {
    const [A, B] = [aggregate.A[i], aggregate.B[i]];
    const valid: PartialDecryption[] = [];
    for (const s of posted) {
      if (valid.length === ceremony.quorum || valid.some((x) => x.guardian === s.guardian)) continue;
      if (s.guardian >= 1 && s.guardian <= ceremony.guardians && !verifyPartialDecryption(e, s, ceremony.verificationKeys[s.guardian - 1], A, B)) valid.push(s);
    }
    const d = combineShares(valid, ceremony.quorum);
    const target = B.subtract(d);
    let count = -1;
    for (let t = 0, p = ZERO; t <= aggregate.ballotCount; t++, p = p.add(e.K)) {
      if (p.equals(target)) {
        count = t;
        break;
      }
    }
    if (count < 0) throw new Error(`candidate ${i + 1}: count is not in [0, ${aggregate.ballotCount}]`);
    results.push({ A, B, shares: posted, set: valid.map((s) => s.guardian), count });
    D.push(d);
  });
  return { results, D };
}
