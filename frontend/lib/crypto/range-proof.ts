/** RP(idx; α, β; ξ, ℓ ∈ [0..R]): the disjunctive Chaum-Pedersen proof (docs/ballot-crypto.md#disjunctive-proof). */
import { concat, hq, RANGE_PROOF_TAG, u32be } from "./challenge";
import type { Election } from "./election";
import type { Ciphertext, RangeProof } from "./ballot-json";
import { encodePoint, G, mod, mulAdd, mulSecret, type Point } from "./group";

/** u_0..u_R, and c_j for j ≠ ℓ (the entry at ℓ is ignored). */
export interface ProofRandomness {
  u: bigint[];
  c: bigint[];
}

function challenge(e: Election, index: number, ct: Ciphertext, commitments: Point[]): bigint {
  return hq(
    concat(
      e.hash,
      new Uint8Array([RANGE_PROOF_TAG]),
      u32be(index),
      e.publicKey,
      encodePoint(ct.alpha),
      encodePoint(ct.beta),
      ...commitments.map(encodePoint),
    ),
  );
}

/**
 * Proves ct encrypts ℓ. Null when a commitment is infinity (negligible with random values; it
 * cannot be encoded, so the caller draws again). ℓ outside [0..R] gives a proof that fails.
 */
export function proveRange(
  e: Election,
  index: number,
  ct: Ciphertext,
  xi: bigint,
  ell: number,
  bound: number,
  r: ProofRandomness,
): RangeProof | null {
  if (r.u.length !== bound + 1 || r.c.length !== bound + 1) throw new Error("randomness does not match the bound");
  const real = Math.min(Math.max(ell, 0), bound);
  const c: bigint[] = [];
  const commitments: Point[] = [];
  for (let j = 0; j <= bound; j++) {
    c[j] = j === real ? 0n : mod(r.c[j]);
    const t = mod(r.u[j] + BigInt(ell - j) * c[j]);
    commitments.push(mulSecret(G, r.u[j]), mulSecret(e.K, t));
  }
  if (commitments.some((p) => p.is0())) return null;
  const total = challenge(e, index, ct, commitments);
  c[real] = mod(total - c.reduce((acc, x, j) => (j === real ? acc : acc + x), 0n));
  const v = c.map((cj, j) => mod(r.u[j] - cj * xi));
  return { c, v };
}

/** a_j = v_j·G + c_j·α, b_j = (v_j − j·c_j)·K + c_j·β; accept iff Σc_j = Hq(...). */
export function verifyRange(e: Election, index: number, ct: Ciphertext, proof: RangeProof): boolean {
  const commitments: Point[] = [];
  for (let j = 0; j < proof.c.length; j++) {
    const cj = proof.c[j];
    const vj = proof.v[j];
    commitments.push(mulAdd(G, vj, ct.alpha, cj), mulAdd(e.K, vj - BigInt(j) * cj, ct.beta, cj));
  }
  if (commitments.some((p) => p.is0())) return false;
  return mod(proof.c.reduce((a, b) => a + b, 0n)) === challenge(e, index, ct, commitments);
}
