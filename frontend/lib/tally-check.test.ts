import { describe, expect, it } from "vitest";
import { publishTally, tallyElection as election } from "@/lib/testing/published-tally";
import { checkTally } from "./tally-check";

describe("checkTally", () => {
  const results = publishTally([1, 2, 1]);

  it("confirms a correct tally", () => {
    expect(results.candidates.map((c) => c.count)).toEqual([2, 1]);
    expect(checkTally(election, results)).toEqual({ ok: true, candidates: 2, problem: null });
  });

  it("catches a count changed after the decryption", () => {
    const forged = { ...results, candidates: [{ ...results.candidates[0], count: 1 }, { ...results.candidates[1], count: 2 }] };
    expect(checkTally(election, forged)).toMatchObject({ ok: false, problem: expect.stringMatching(/count/) });
  });

  it("catches a forged decryption proof", () => {
    const forged = { ...results, decryption: [{ ...results.decryption[0], v: results.decryption[1].v }, results.decryption[1]] };
    expect(checkTally(election, forged)).toMatchObject({ ok: false, problem: expect.stringMatching(/decryption proof/) });
  });

  it("catches results for a different set of candidates or unreadable values", () => {
    expect(checkTally(election, { ...results, candidates: results.candidates.slice(0, 1) }).ok).toBe(false);
    const garbage = { ...results, aggregate: [{ alpha: "zz", beta: "00" }, results.aggregate[1]] };
    expect(checkTally(election, garbage).ok).toBe(false);
  });
});
