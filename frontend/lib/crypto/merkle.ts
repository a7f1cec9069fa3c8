/**
 * Inclusion proofs for the chain's transaction tree (EVoting.Chain MerkleTree): RFC 6962 shape with
 * Keccak-256, leaf = K(0x00 ‖ tx_hash), node = K(0x01 ‖ left ‖ right), split at the largest power
 * of two below n. The proof lists siblings from the leaf upwards.
 */
import { keccak_256 } from "@noble/hashes/sha3.js";
import { concat } from "./challenge";

export interface MerkleProofInput {
  /** The transaction hash (32 bytes, hex with or without 0x). */
  txHash: string;
  /** Position of the transaction in the block. */
  index: number;
  /** Number of transactions in the block. */
  count: number;
  /** Sibling hashes, nearest the leaf first. */
  proof: string[];
  /** The block's transactions_root. */
  root: string;
}

function hash32(text: string): Uint8Array | null {
  const hex = text.startsWith("0x") || text.startsWith("0X") ? text.slice(2) : text;
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) return null;
  const out = new Uint8Array(32);
  for (let i = 0; i < 32; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

const leafHash = (h: Uint8Array) => keccak_256(concat(new Uint8Array([0]), h));
const nodeHash = (l: Uint8Array, r: Uint8Array) => keccak_256(concat(new Uint8Array([1]), l, r));

function split(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** True iff the proof places txHash at index in a tree of count leaves with the given root. */
export function verifyMerkleProof(input: MerkleProofInput): boolean {
  const { index, count } = input;
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(count) || index < 0 || index >= count) return false;
  const leaf = hash32(input.txHash);
  const root = hash32(input.root);
  const proof = input.proof.map(hash32);
  if (!leaf || !root || proof.some((p) => p === null)) return false;
  const siblings = proof as Uint8Array[];
  let used = 0;
  const recompute = (i: number, n: number): Uint8Array | null => {
    if (n === 1) return leafHash(leaf);
    const k = split(n);
    const below = i < k ? recompute(i, k) : recompute(i - k, n - k);
    if (!below || used >= siblings.length) return null;
    const sibling = siblings[used++];
    return i < k ? nodeHash(below, sibling) : nodeHash(sibling, below);
  };
  const computed = recompute(index, count);
  return computed !== null && used === siblings.length && computed.every((b, i) => b === root[i]);
}
