import { describe, expect, it } from "vitest";
import { chainBlocks, electionId, rpcBlock, servingBlocks } from "@/lib/testing/chain-blocks";
import { BLOCKS_PER_RANGE, readChainElection } from "./chain-reader";

describe("readChainElection", () => {
  it("reads every block in ranges of 100 and keeps only the election's transactions", async () => {
    const blocks = chainBlocks();
    // Other elections' blocks after the tally: the reader still reads to the head, range by range.
    for (let n = blocks.length; n < 250; n++) blocks.push(rpcBlock(n, []));
    const progress: number[] = [];
    const chain = await readChainElection(electionId, servingBlocks(blocks, "validator-3:8003"), (done, total) => {
      expect(total).toBe(250);
      progress.push(done);
    });
    expect(progress).toEqual([BLOCKS_PER_RANGE, 2 * BLOCKS_PER_RANGE, 250]);
    expect(chain).toMatchObject({ electionId, blocksRead: 250, validators: ["validator-3:8003"], closed: true });
    expect(chain.ballots).toHaveLength(5);
    expect(chain.open).toMatchObject({ candidates: 4, title: "Board" });
    expect(chain.tally).toMatchObject({ total_ballots: 5, block: 7 });
  });

  it("fails when a validator leaves a block out", async () => {
    const blocks = chainBlocks();
    blocks.splice(3, 1);
    await expect(readChainElection(electionId, servingBlocks(blocks))).rejects.toThrow("Blocks are missing: expected block 3, got 4.");
  });
});
