import { describe, expect, it } from "vitest";
import { readBlock, readBlockList, readTransaction, toMillis } from "./blocks";

const h = (c: string) => "0x" + c.repeat(64);

describe("block readers", () => {
  it("reads the chain's own block JSON", () => {
    const block = readBlock({
      index: 5,
      block_hash: h("a"),
      prev_hash: h("b"),
      timestamp: 1_764_000_000_000,
      validator: "0xAbC",
      round: 0,
      transactions_root: h("c"),
      transactions: [{ hash: h("d"), type: "vote", election_id: 1, voter_id: "anon-1", ballot_hash: h("e"), encrypted_vote: "0x" + "00".repeat(66), proof: "0x" + "11".repeat(128) }],
      commit: { round: 0, precommits: ["0x1", "0x2"] },
    });
    expect(block).not.toBeNull();
    expect(block!.number).toBe(5);
    expect(block!.proposer).toBe("0xAbC");
    expect(block!.txCount).toBe(1);
    expect(block!.txHashes).toEqual([h("d")]);
    expect(block!.transactions[0].encryptedVoteBytes).toBe(66);
    expect(block!.transactions[0].proofBytes).toBe(128);
    expect(block!.commitSignatures).toBe(2);
    expect(block!.final).toBe(true);
  });

  it("reads Ethereum-style names and decides finality from the finalized height", () => {
    const raw = { number: "0x10", hash: h("1"), parentHash: h("2"), miner: "0xM", timestamp: "0x6560", transactions: [h("3")] };
    const block = readBlock(raw, 20)!;
    expect(block.number).toBe(16);
    expect(block.timestampMs).toBe(0x6560 * 1000);
    expect(block.final).toBe(true);
    expect(readBlock(raw, 10)!.final).toBe(false);
    expect(readBlock(raw)!.final).toBeNull();
    expect(block.txHashes).toEqual([h("3")]);
  });

  it("reads the API's block summary (certificate size as a number)", () => {
    const summary = { number: 9, hash: h("9"), prev_hash: h("8"), timestamp: 1_764_000_000, timestamp_ms: 1_764_000_000_250, validator: "0xV", round: 1, tx_count: 4, transactions_root: h("7"), precommits: 2 };
    const block = readBlock(summary, 5)!;
    expect(block.timestampMs).toBe(1_764_000_000_250);
    expect(block.txCount).toBe(4);
    expect(block.commitSignatures).toBe(2);
    expect(block.final).toBe(true);
    expect(readBlock({ ...summary, precommits: 0 }, 5)!.final).toBe(false);
  });

  it("reads a block nested under header or block", () => {
    const block = readBlock({ block: { header: { index: 2, validator: "0xV", tx_count: 3 }, hash: h("9") } })!;
    expect(block.number).toBe(2);
    expect(block.hash).toBe(h("9"));
    expect(block.txCount).toBe(3);
  });

  it("rejects things that are not blocks", () => {
    expect(readBlock(null)).toBeNull();
    expect(readBlock({ index: 1 })).toBeNull();
    expect(readTransaction({ type: "vote" })).toBeNull();
  });

  it("reads a list in either wrapping, newest first", () => {
    const list = [{ index: 1, block_hash: h("1") }, { index: 3, block_hash: h("3") }, { nonsense: true }];
    expect(readBlockList(list).map((b) => b.number)).toEqual([3, 1]);
    expect(readBlockList({ blocks: list }).map((b) => b.number)).toEqual([3, 1]);
    expect(readBlockList("x")).toEqual([]);
  });

  it("converts times", () => {
    expect(toMillis(1_700_000_000)).toBe(1_700_000_000_000);
    expect(toMillis(1_700_000_000_123)).toBe(1_700_000_000_123);
    expect(toMillis("2026-11-24T00:00:00Z")).toBe(Date.UTC(2026, 10, 24));
    expect(toMillis(undefined)).toBeNull();
  });
});
