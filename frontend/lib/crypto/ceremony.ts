/**
 * The guardians' key ceremony (docs/trustees.md "Parameters", "Key ceremony"): H_P, the Schnorr-proved coefficient
 * commitments, shares P_i(ℓ) and the keys K and K*_ℓ anyone derives from the commitments. Same equations and order of
 * checks as EVoting.Ballots/Trustees (CeremonyParameters, CoefficientCommitment, GuardianPolynomial, CeremonyRecord).
 */
import { sha256 } from "@noble/hashes/sha2.js";
import { concat, hq, u32be, u64be } from "./challenge";
import { BallotErrors, BallotFormatError } from "./errors";
import { encodePoint, G, mod, mulAdd, mulSecret, N, type Point, ZERO } from "./group";
import { TrusteeErrors } from "./trustee-errors";
import type { CeremonyRecord, Commitment } from "./trustee-json";

export const COEFFICIENT_PROOF_TAG = 0x10;
const CEREMONY_TAG = new TextEncoder().encode("EVOTE-V1-CEREMONY");

/** H_P = SHA-256("EVOTE-V1-CEREMONY" ‖ u64be(election_id) ‖ u32be(g) ‖ u32be(q)). */
export function ceremonyHash(electionId: bigint, guardians: number, quorum: number): Uint8Array {
  return sha256(concat(CEREMONY_TAG, u64be(electionId), u32be(guardians), u32be(quorum)));
}

/** Hq(H_P ‖ 0x10 ‖ u32be(i) ‖ u32be(j) ‖ enc(K_{i,j}) ‖ enc(h)). */
function coefficientChallenge(hp: Uint8Array, guardian: number, index: number, commitment: Point, h: Point): bigint {
  return hq(concat(hp, new Uint8Array([COEFFICIENT_PROOF_TAG]), u32be(guardian), u32be(index), encodePoint(commitment), encodePoint(h)));
}

/** K_{i,j} = a·G with its proof, from a supplied nonce u (deterministic vectors; a guardian's CLI draws u at random). */
export function proveCoefficient(hp: Uint8Array, guardian: number, index: number, coefficient: bigint, u: bigint): Commitment {
  const commitment = mulSecret(G, coefficient);
  const c = coefficientChallenge(hp, guardian, index, commitment, mulSecret(G, u));
  return { guardian, index, commitment, c, v: mod(u - c * coefficient) };
}

/** Null when h = v·G + c·K_{i,j} recomputes c; else why not. */
export function verifyCoefficient(hp: Uint8Array, guardians: number, quorum: number, k: Commitment): string | null {
  if (k.guardian < 1 || k.guardian > guardians || k.index < 0 || k.index >= quorum) return TrusteeErrors.BadGuardianIndex;
  if (k.commitment.is0()) return BallotErrors.PointInfinity;
  if (k.c >= N || k.v >= N) return BallotErrors.ScalarOutOfRange;
  const h = mulAdd(G, k.v, k.commitment, k.c);
  if (h.is0()) return TrusteeErrors.CoefficientProofInvalid;
  return coefficientChallenge(hp, k.guardian, k.index, k.commitment, h) === k.c ? null : TrusteeErrors.CoefficientProofInvalid;
}

/** P(x) mod n (Horner). */
export function evaluatePolynomial(coefficients: bigint[], x: number): bigint {
  let value = 0n;
  for (let j = coefficients.length - 1; j >= 0; j--) value = mod(value * BigInt(x) + coefficients[j]);
  return value;
}

/** Σ_j x^j·K_j from public commitments (Horner on points): what P(x)·G must equal. */
export function evaluateCommitments(commitments: Point[], x: number): Point {
  let value = commitments[commitments.length - 1];
  for (let j = commitments.length - 2; j >= 0; j--) value = value.multiplyUnsafe(BigInt(x)).add(commitments[j]);
  return value;
}

/** Guardian ℓ's check of a share from guardian i: P_i(ℓ)·G = Σ_j ℓ^j·K_{i,j}. */
export function shareMatches(share: bigint, recipient: number, senderCommitments: Point[]): boolean {
  return share > 0n && share < N && G.multiplyUnsafe(share).equals(evaluateCommitments(senderCommitments, recipient));
}

export interface CeremonyKeys {
  electionKey: Point;
  /** K*_1 … K*_g (index ℓ − 1). */
  verificationKeys: Point[];
}

/** K = Σ_i K_{i,0} and K*_ℓ = Σ_i Σ_j ℓ^j·K_{i,j}, after checking every proof in guardian and index order. Throws BallotFormatError. */
export function ceremonyKeys(r: CeremonyRecord): CeremonyKeys {
  const hp = ceremonyHash(r.electionId, r.guardians, r.quorum);
  if (r.commitments.length !== r.guardians) throw new BallotFormatError(TrusteeErrors.WrongCommitmentCount, "guardians");
  for (let i = 0; i < r.guardians; i++) {
    if (r.commitments[i].length !== r.quorum) throw new BallotFormatError(TrusteeErrors.WrongCommitmentCount, `guardian ${i + 1}`);
    for (let j = 0; j < r.quorum; j++) {
      const k = r.commitments[i][j];
      const where = `guardian ${i + 1} coefficient ${j}`;
      if (k.guardian !== i + 1 || k.index !== j) throw new BallotFormatError(TrusteeErrors.BadGuardianIndex, where);
      const error = verifyCoefficient(hp, r.guardians, r.quorum, k);
      if (error) throw new BallotFormatError(error, where);
    }
  }
  const points = r.commitments.map((g) => g.map((k) => k.commitment));
  const electionKey = points.reduce((sum, p) => sum.add(p[0]), ZERO);
  if (electionKey.is0()) throw new BallotFormatError(BallotErrors.PointInfinity, "election key");
  const verificationKeys = Array.from({ length: r.guardians }, (_, l) =>
    points.reduce((sum, p) => sum.add(evaluateCommitments(p, l + 1)), ZERO),
  );
  return { electionKey, verificationKeys };
}

/** ceremonyKeys, then the record's stated K and K*_ℓ must be those (C# CeremonyRecord.Verify). */
export function verifyCeremonyRecord(r: CeremonyRecord): CeremonyKeys {
  const keys = ceremonyKeys(r);
  if (!keys.electionKey.equals(r.electionKey)) throw new BallotFormatError(TrusteeErrors.ElectionKeyMismatch, "election_key");
  if (r.verificationKeys.length !== r.guardians) throw new BallotFormatError(TrusteeErrors.VerificationKeyMismatch, "verification_keys");
  keys.verificationKeys.forEach((k, l) => {
    if (!k.equals(r.verificationKeys[l])) throw new BallotFormatError(TrusteeErrors.VerificationKeyMismatch, `verification_keys[${l}]`);
  });
  return keys;
}
