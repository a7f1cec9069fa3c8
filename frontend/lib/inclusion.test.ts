import { describe, expect, it } from "vitest";
import { block, hex, leaf, receiptFor, txRoot, txs } from "@/lib/testing/rfc6962-tree";
import { checkInclusion } from "./inclusion";

// Proofs from a reference RFC 6962 tree written independently of lib/crypto/merkle.ts.

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
    expect(checkInclusion(receiptFor(0, { merkle_proof: null as unknown as string[] }) /* defensive: the API always sends a list */, block).state).toBe("unavailable");
    expect(checkInclusion(receiptFor(0, { block_number: 8 }), block).state).toBe("invalid");
  });
});
