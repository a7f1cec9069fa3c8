import { describe, expect, it } from "vitest";
import { p256 } from "@noble/curves/nist.js";
import { toElection } from "@/lib/crypto/election";
import { G, mod, parsePointHex, pointHex, randomScalar, scalarHex } from "@/lib/crypto/group";
import { decryptionChallenge } from "@/lib/crypto/tally";
import type { Results } from "./api/types";
import { electionParams, encryptChoice } from "./ballot";
import { checkTally } from "./tally-check";

// A real small election: three ballots encrypted the way the browser does, summed and
// decrypted with Chaum-Pedersen proofs (what the API's tally publishes).
const s = 0x5EC12E7n;
const election = {
  id: 4,
  public_key: pointHex(p256.Point.BASE.multiply(s)),
  max_selections: 1,
  candidates: [{ id: 1, position: 1, name: "Ann" }, { id: 2, position: 2, name: "Bo" }],
};

function publishTally(choices: number[]): Results {
  const ballots = choices.map((c) => encryptChoice(election, [c]).ballot);
  const e = toElection(electionParams(election));
  const counts = election.candidates.map((c) => choices.filter((x) => x === c.id).length);
  const aggregate = election.candidates.map((_, i) => {
    const A = ballots.map((b) => parsePointHex(b.ciphertexts[i].alpha)).reduce((x, y) => x.add(y));
    const B = ballots.map((b) => parsePointHex(b.ciphertexts[i].beta)).reduce((x, y) => x.add(y));
    return { A, B };
  });
  const decryption = aggregate.map(({ A, B }) => {
    const D = A.multiply(s);
    const u = randomScalar();
    const c = decryptionChallenge(e, A, B, G.multiply(u), A.multiply(u), D);
    return { D: pointHex(D), c: scalarHex(c), v: scalarHex(mod(u - c * s)) };
  });
  return {
    status: "tallied",
    total_ballots: choices.length,
    candidates: election.candidates.map((c, i) => ({ id: c.id, name: c.name, count: counts[i] })),
    aggregate: aggregate.map(({ A, B }) => ({ alpha: pointHex(A), beta: pointHex(B) })),
    decryption,
    verified: true,
  };
}

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
