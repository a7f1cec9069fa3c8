// Test support: a reference RFC 6962 Merkle tree (leaf = K(0x00‖h), node = K(0x01‖l‖r)), written
// independently of lib/crypto/merkle.ts, and a receipt + block pair built from it.

import { keccak_256 } from "@noble/hashes/sha3.js";
import type { BlockView } from "@/lib/api/blocks";
import type { Receipt } from "@/lib/api/types";

export const hex = (b: Uint8Array) => "0x" + Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
const cat = (...p: Uint8Array[]) => { const o = new Uint8Array(p.reduce((n, x) => n + x.length, 0)); let i = 0; for (const x of p) { o.set(x, i); i += x.length; } return o; };
export const leaf = (h: Uint8Array) => keccak_256(cat(Uint8Array.of(0), h));
const node = (l: Uint8Array, r: Uint8Array) => keccak_256(cat(Uint8Array.of(1), l, r));
const split = (n: number) => { let k = 1; while (k * 2 < n) k *= 2; return k; };

export function root(hs: Uint8Array[]): Uint8Array {
  if (hs.length === 1) return leaf(hs[0]);
  const k = split(hs.length);
  return node(root(hs.slice(0, k)), root(hs.slice(k)));
}

export function path(hs: Uint8Array[], i: number): Uint8Array[] {
  if (hs.length === 1) return [];
  const k = split(hs.length);
  return i < k ? [...path(hs.slice(0, k), i), root(hs.slice(k))] : [...path(hs.slice(k), i - k), root(hs.slice(0, k))];
}

/** Five transactions in block 7, final, with a commit certificate of two signatures. */
export const txs = Array.from({ length: 5 }, (_, i) => keccak_256(Uint8Array.of(i)));
export const txRoot = hex(root(txs));

export function receiptFor(i: number, over: Partial<Receipt> = {}): Receipt {
  return {
    transaction_id: hex(txs[i]), ballot_hash: "ab".repeat(32), election_id: 1, status: "final",
    block_number: 7, block_hash: "0x" + "cd".repeat(32), tx_index: i, merkle_proof: path(txs, i).map(hex),
    transactions_root: txRoot, validator: "0xV", finalized_at: null, submitted_at: "2026-03-01T09:59:58Z", ...over,
  };
}

export const block: BlockView = {
  number: 7, hash: "0x" + "cd".repeat(32), prevHash: null, timestampMs: null, proposer: null, round: 0,
  transactionsRoot: txRoot, txCount: 5, txHashes: txs.map(hex), transactions: [], commitSignatures: 2, final: true,
};
