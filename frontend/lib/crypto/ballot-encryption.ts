/** Encrypting, verifying and hashing ballots (docs/ballot-crypto.md#encrypting-a-ballot, #ballot-hash). */
import { sha256 } from "@noble/hashes/sha2.js";
import { concat } from "./challenge";
import { toElection, type Election, type ElectionParams } from "./election";
import { BallotErrors, BallotFormatError } from "./errors";
import {
  encodePoint,
  G,
  mod,
  mulSecret,
  N,
  pointHex,
  randomScalar,
  scalarHex,
  toHex,
  ZERO,
} from "./group";
import { parseBallot, type BallotJson, type Ciphertext, type ParsedBallot, type RangeProof } from "./ballot-json";
import { proveRange, verifyRange, type ProofRandomness } from "./range-proof";

/** All the randomness of one ballot (for deterministic test vectors; normal use draws it from the CSPRNG). */
export interface BallotRandomness {
  xi: bigint[];
  proofs: ProofRandomness[];
  sum: ProofRandomness;
}

export interface EncryptBallotInput extends ElectionParams {
  /** One 0/1 entry per candidate, in candidate order, at most maxSelections ones (all zero = abstain). */
  selections: number[];
}

export type VerifyResult = { valid: true } | { valid: false; reason: string };

/**
 * Told after each proof is made or checked (done of total), so a page can show how far a
 * multi-second computation has got; the web worker forwards it as a progress message.
 */
export type ProgressCallback = (done: number, total: number) => void;

function randomProof(bound: number): ProofRandomness {
  const draw = () => Array.from({ length: bound + 1 }, randomScalar);
  return { u: draw(), c: draw() };
}

export function randomBallotRandomness(candidates: number, maxSelections: number): BallotRandomness {
  return {
    xi: Array.from({ length: candidates }, randomScalar),
    proofs: Array.from({ length: candidates }, () => randomProof(1)),
    sum: randomProof(maxSelections),
  };
}

function checkSelections(e: Election, selections: number[]): void {
  if (selections.length !== e.candidates) throw new Error(`expected ${e.candidates} selections, got ${selections.length}`);
  if (selections.some((m) => m !== 0 && m !== 1)) throw new Error("each selection must be 0 or 1");
  if (selections.reduce((a, b) => a + b, 0) > e.maxSelections) {
    throw new Error(`at most ${e.maxSelections} selection(s) allowed`);
  }
}

export function sumCiphertext(cts: Ciphertext[]): Ciphertext | null {
  let alpha = ZERO;
  let beta = ZERO;
  for (const ct of cts) {
    alpha = alpha.add(ct.alpha);
    beta = beta.add(ct.beta);
  }
  return alpha.is0() || beta.is0() ? null : { alpha, beta };
}

function tryEncrypt(e: Election, selections: number[], r: BallotRandomness, onProgress?: ProgressCallback): ParsedBallot | null {
  if (r.xi.length !== e.candidates || r.proofs.length !== e.candidates) {
    throw new Error("randomness does not match the number of candidates");
  }
  const ciphertexts: Ciphertext[] = [];
  for (let i = 0; i < e.candidates; i++) {
    const xi = r.xi[i];
    if (xi <= 0n || xi >= N) throw new Error("ξ must be in [1, n-1]");
    const exponent = mod(xi + BigInt(selections[i]));
    if (exponent === 0n) return null; // β would be infinity
    ciphertexts.push({ alpha: mulSecret(G, xi), beta: mulSecret(e.K, exponent) });
  }
  // One proof per candidate and one for the sum: the units of progress.
  const total = e.candidates + 1;
  const proofs: RangeProof[] = [];
  for (let i = 0; i < e.candidates; i++) {
    const proof = proveRange(e, i + 1, ciphertexts[i], r.xi[i], selections[i], 1, r.proofs[i]);
    if (!proof) return null;
    proofs.push(proof);
    onProgress?.(i + 1, total);
  }
  const sum = sumCiphertext(ciphertexts);
  if (!sum) return null;
  const xiSum = mod(r.xi.reduce((a, b) => a + b, 0n));
  const chosen = selections.reduce((a, b) => a + b, 0);
  const sumProof = proveRange(e, 0, sum, xiSum, chosen, e.maxSelections, r.sum);
  if (!sumProof) return null;
  onProgress?.(total, total);
  return { electionId: e.id, ciphertexts, proofs, sumProof };
}

const proofJson = (p: RangeProof) => ({ c: p.c.map(scalarHex), v: p.v.map(scalarHex) });

export function toBallotJson(b: ParsedBallot): BallotJson {
  return {
    election_id: Number(b.electionId),
    ciphertexts: b.ciphertexts.map((ct) => ({ alpha: pointHex(ct.alpha), beta: pointHex(ct.beta) })),
    proofs: b.proofs.map(proofJson),
    sum_proof: proofJson(b.sumProof),
  };
}

/** Encrypts a ballot with its proofs, using fresh randomness from crypto.getRandomValues. */
export function encryptBallot(input: EncryptBallotInput, onProgress?: ProgressCallback): BallotJson {
  return encryptBallotKeepingNonces(input, onProgress).ballot;
}

/**
 * As encryptBallot, also returning the nonces ξ_i that hide each selection: what the voter's browser reveals if the
 * voter challenges this encryption instead of casting it (docs/trustees.md#ballot-challenge).
 */
export function encryptBallotKeepingNonces(input: EncryptBallotInput, onProgress?: ProgressCallback): { ballot: BallotJson; nonces: bigint[] } {
  const e = toElection(input);
  checkSelections(e, input.selections);
  for (;;) {
    // Only a ~2^-250 event (a commitment or β at infinity) makes this loop twice.
    const randomness = randomBallotRandomness(e.candidates, e.maxSelections);
    const ballot = tryEncrypt(e, input.selections, randomness, onProgress);
    if (ballot) return { ballot: toBallotJson(ballot), nonces: randomness.xi };
  }
}

/** Encrypts with supplied randomness (deterministic test vectors only). */
export function encryptBallotWithRandomness(input: EncryptBallotInput, randomness: BallotRandomness): BallotJson {
  const e = toElection(input);
  checkSelections(e, input.selections);
  const ballot = tryEncrypt(e, input.selections, randomness);
  if (!ballot) throw new Error("the supplied randomness yields a point at infinity");
  return toBallotJson(ballot);
}

/** As encryptBallotWithRandomness without the selection check: builds invalid ballots for negative vectors. */
export function encryptUncheckedForTests(input: EncryptBallotInput, randomness: BallotRandomness): BallotJson {
  const ballot = tryEncrypt(toElection(input), input.selections, randomness);
  if (!ballot) throw new Error("the supplied randomness yields a point at infinity");
  return toBallotJson(ballot);
}

function reasonOf(error: unknown): string {
  if (error instanceof BallotFormatError) return error.reason;
  throw error;
}

/** Checks shape and every proof; the reason is one of BallotErrors. */
export function verifyBallot(election: ElectionParams, ballot: BallotJson | string, onProgress?: ProgressCallback): VerifyResult {
  let e: Election;
  let b: ParsedBallot;
  try {
    e = toElection(election);
    b = parseBallot(ballot);
  } catch (error) {
    return { valid: false, reason: reasonOf(error) };
  }
  const fail = (reason: string): VerifyResult => ({ valid: false, reason });
  if (b.electionId !== e.id) return fail(BallotErrors.WrongElection);
  if (b.ciphertexts.length !== e.candidates || b.proofs.length !== e.candidates) {
    return fail(BallotErrors.WrongCandidateCount);
  }
  if (b.proofs.some((p) => p.c.length !== 2)) return fail(BallotErrors.WrongProofLength);
  if (b.sumProof.c.length !== e.maxSelections + 1) return fail(BallotErrors.WrongProofLength);
  const sum = sumCiphertext(b.ciphertexts);
  if (!sum) return fail(BallotErrors.SumProofInvalid);
  const total = e.candidates + 1;
  for (let i = 0; i < e.candidates; i++) {
    if (!verifyRange(e, i + 1, b.ciphertexts[i], b.proofs[i])) return fail(BallotErrors.RangeProofInvalid);
    onProgress?.(i + 1, total);
  }
  if (!verifyRange(e, 0, sum, b.sumProof)) return fail(BallotErrors.SumProofInvalid);
  onProgress?.(total, total);
  return { valid: true };
}

/**
 * The voter's tracking code: SHA-256(H_E ‖ enc(α_1) ‖ enc(β_1) ‖ … ‖ enc(α_k) ‖ enc(β_k)),
 * lowercase hex. Throws BallotFormatError if the ballot does not parse.
 */
export function ballotHash(election: ElectionParams, ballot: BallotJson | string): string {
  const e = toElection(election);
  const b = parseBallot(ballot);
  return toHex(ballotHashBytes(e, b));
}

export function ballotHashBytes(e: Election, b: ParsedBallot): Uint8Array {
  return sha256(concat(e.hash, ...b.ciphertexts.flatMap((ct) => [encodePoint(ct.alpha), encodePoint(ct.beta)])));
}
