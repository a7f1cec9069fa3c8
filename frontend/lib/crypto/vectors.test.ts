/** The shared cross-implementation vectors in testdata/ballots (the C# suite runs the same files). */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { ballotHash, electionHash, verifyBallot, verifyDecryption, verifyMerkleProof, type BallotJson, type ResultsJson } from "./index";
import { encryptBallotWithRandomness } from "./ballot-encryption";
import { randomnessFromJson, type RandomnessJson } from "./vector-randomness";
import { encryptedVoteHex, proofHex } from "./wire";

const dir = fileURLToPath(new URL("../../../testdata/ballots/", import.meta.url));

interface ElectionJson {
  election_id: number;
  public_key: string;
  candidates: number;
  max_selections: number;
  election_hash: string;
}

interface Case {
  name: string;
  election: ElectionJson;
  ballot: BallotJson;
  ballot_hash: string;
  encrypted_vote: string;
  proof: string;
  selections?: number[];
  randomness?: RandomnessJson;
  reason?: string | null;
  results?: ResultsJson;
}

const load = (file: string): Case[] => JSON.parse(readFileSync(dir + file, "utf8")).cases;

const params = (e: ElectionJson) => ({
  electionId: e.election_id,
  publicKeyHex: e.public_key,
  candidates: e.candidates,
  maxSelections: e.max_selections,
});

describe.each(["deterministic.json", "csharp-ballots.json", "ts-ballots.json", "ts-deterministic.json"])(
  "positive vectors in %s",
  (file) => {
    const cases = load(file);
    it("has cases", () => expect(cases.length).toBeGreaterThan(0));
    it.each(cases.map((c) => [c.name, c] as const))("%s verifies, hashes and encodes as recorded", (_, c) => {
      const election = params(c.election);
      expect(electionHash(election)).toBe(c.election.election_hash);
      expect(verifyBallot(election, c.ballot)).toEqual({ valid: true });
      expect(ballotHash(election, c.ballot)).toBe(c.ballot_hash);
      expect(encryptedVoteHex(c.ballot)).toBe(c.encrypted_vote);
      expect(proofHex(c.ballot)).toBe(c.proof);
      if (c.randomness && c.selections) {
        const remade = encryptBallotWithRandomness({ ...election, selections: c.selections }, randomnessFromJson(c.randomness));
        expect(JSON.stringify(remade)).toBe(JSON.stringify(c.ballot));
      }
    });
  },
);

describe("negative vectors", () => {
  const cases = load("negative.json");
  it("has the defects the spec lists", () => expect(cases.length).toBeGreaterThanOrEqual(20));
  it.each(cases.map((c) => [c.name, c] as const))("%s is rejected for its reason", (_, c) => {
    expect(verifyBallot(params(c.election), c.ballot)).toEqual({ valid: false, reason: c.reason });
  });
});

describe("tally vectors", () => {
  const cases = load("tally.json");
  it.each(cases.map((c) => [c.name, c] as const))("%s", (_, c) => {
    const expected = c.reason ? { valid: false, reason: c.reason } : { valid: true };
    expect(verifyDecryption(params(c.election), c.results!)).toEqual(expected);
  });
});

describe("Merkle vectors from the chain's MerkleTree", () => {
  const cases: { tx_hash: string; index: number; count: number; proof: string[]; root: string }[] = JSON.parse(
    readFileSync(dir + "merkle.json", "utf8"),
  ).cases;
  it("all verify, and none verifies at another index", () => {
    expect(cases.length).toBeGreaterThan(20);
    for (const c of cases) {
      const input = { txHash: c.tx_hash, index: c.index, count: c.count, proof: c.proof, root: c.root };
      expect(verifyMerkleProof(input)).toBe(true);
      if (c.count > 1) expect(verifyMerkleProof({ ...input, index: (c.index + 1) % c.count })).toBe(false);
    }
  });
});
