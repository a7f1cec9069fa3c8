import { describe, expect, it } from "vitest";
import { keccak_256 } from "@noble/hashes/sha3.js";
import type { BlockView } from "./api/blocks";
import type { Receipt } from "./api/types";
import { checkInclusion } from "./inclusion";

// A reference RFC 6962 tree (leaf = K(0x00‖h), node = K(0x01‖l‖r)), written independently here.
const hex = (b: Uint8Array) => "0x" + Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
const bytes = (h: string) => Uint8Array.from(h.slice(2).match(/../g)!.map((x) => parseInt(x, 16)));
const cat = (...p: Uint8Array[]) => { const o = new Uint8Array(p.reduce((n, x) => n + x.length, 0)); let i = 0; for (const x of p) { o.set(x, i); i += x.length; } return o; };
const leaf = (h: Uint8Array) => keccak_256(cat(Uint8Array.of(0), h));
const node = (l: Uint8Array, r: Uint8Array) => keccak_256(cat(Uint8Array.of(1), l, r));
const split = (n: number) => { let k = 1; while (k * 2 < n) k *= 2; return k; };
function root(hs: Uint8Array[]): Uint8Array {
  if (hs.length === 1) return leaf(hs[0]);
  const k = split(hs.length);
  return node(root(hs.slice(0, k)), root(hs.slice(k)));
}
function path(hs: Uint8Array[], i: number): Uint8Array[] {
  if (hs.length === 1) return [];
  const k = split(hs.length);
  return i < k ? [...path(hs.slice(0, k), i), root(hs.slice(k))] : [...path(hs.slice(k), i - k), root(hs.slice(0, k))];
}

const txs = Array.from({ length: 5 }, (_, i) => keccak_256(Uint8Array.of(i)));
const txRoot = hex(root(txs));

function receiptFor(i: number, over: Partial<Receipt> = {}): Receipt {
  return {
    transaction_id: hex(txs[i]), ballot_hash: "ab".repeat(32), election_id: 1, status: "final",
    block_number: 7, block_hash: "0x" + "cd".repeat(32), tx_index: i, merkle_proof: path(txs, i).map(hex),
    transactions_root: txRoot, validator: "0xV", finalized_at: null, ...over,
  };
}

const block: BlockView = {
  number: 7, hash: "0x" + "cd".repeat(32), prevHash: null, timestampMs: null, proposer: null, round: 0,
  transactionsRoot: txRoot, txCount: 5, txHashes: txs.map(hex), transactions: [], commitSignatures: 2, final: true,
};

describe("checkInclusion", () => {
  it("accepts the proof of every transaction in the block", () => {
    for (let i = 0; i < 5; i++) expect(checkInclusion(receiptFor(i), block)).toEqual({ state: "valid", root: txRoot, index: i, count: 5 });
  });

  it("accepts a one-transaction block with an empty path", () => {
    const one = { ...block, transactionsRoot: hex(leaf(txs[0])), txCount: 1, txHashes: [hex(txs[0])] };
    expect(checkInclusion(receiptFor(0, { merkle_proof: [], transactions_root: null }), one).state).toBe("valid");
  });

  it("rejects a tampered path, a wrong position and a root that differs from the block's", () => {
    const bad = receiptFor(2);
    bad.merkle_proof = [...bad.merkle_proof!];
    bad.merkle_proof[0] = "0x" + "00".repeat(32);
    expect(checkInclusion(bad, block).state).toBe("invalid");
    expect(checkInclusion(receiptFor(2, { tx_index: 3 }), block)).toMatchObject({ state: "invalid", reason: expect.stringMatching(/another transaction/) });
    expect(checkInclusion(receiptFor(2, { transactions_root: "0x" + "11".repeat(32) }), block)).toMatchObject({ state: "invalid", reason: expect.stringMatching(/differs/) });
    expect(checkInclusion(receiptFor(2, { tx_index: 9 }), block)).toMatchObject({ state: "invalid", reason: expect.stringMatching(/outside/) });
    // the block's root is the authority, even when the block does not list its transactions
    const otherRoot = { ...block, txHashes: [], transactionsRoot: "0x" + "22".repeat(32) };
    expect(checkInclusion(receiptFor(2, { transactions_root: null }), otherRoot).state).toBe("invalid");
  });

  it("says when there is nothing to check yet", () => {
    expect(checkInclusion(receiptFor(0, { block_number: null, status: "pending" }), null).state).toBe("unavailable");
    expect(checkInclusion(receiptFor(0), null).state).toBe("unavailable");
    expect(checkInclusion(receiptFor(0, { merkle_proof: null }), block).state).toBe("unavailable");
    expect(checkInclusion(receiptFor(0, { block_number: 8 }), block).state).toBe("invalid");
  });
});
