/**
 * The browser's tally check (verifyThresholdResults) against forged records, as a dishonest API could publish them
 * (issue #14): counts changed, or partial decryptions made with a key the API chose instead of the guardians' shares.
 * The C# side's counterpart is EVoting.Tests/Audit/ElectionRecordAuditTests.cs.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { verifyThresholdResults } from "./index";
import { toElection } from "./election";
import { BallotErrors } from "./errors";
import { encodeTallyPoint, G, mulSecret, parseTallyPointHex, randomScalar, toHex } from "./group";
import { createPartialDecryption } from "./threshold";
import { TrusteeErrors } from "./trustee-errors";
import type { ThresholdResultJson } from "./trustee-json";

const v = JSON.parse(readFileSync(fileURLToPath(new URL("../../../testdata/trustees/csharp-ceremony.json", import.meta.url)), "utf8"));
const election = {
  electionId: v.election.election_id,
  publicKeyHex: v.election.public_key,
  candidates: v.election.candidates,
  maxSelections: v.election.max_selections,
};
const valid: ThresholdResultJson[] = v.combinations[0].results;
const hex = (n: bigint) => n.toString(16).padStart(64, "0");

describe("a forged threshold tally", () => {
  it("is accepted only as published by the guardians", () => {
    expect(verifyThresholdResults(election, v.ceremony, valid)).toEqual({ valid: true });
  });

  it("with a count changed fails", () => {
    const forged = valid.map((r, i) => (i === 1 ? { ...r, count: r.count + 1 } : r));
    expect(verifyThresholdResults(election, v.ceremony, forged)).toEqual({ valid: false, reason: BallotErrors.CountMismatch });
  });

  it("with D from a key the publisher chose fails at the first share's proof", () => {
    // The publisher proves M = x·A for its own x against its own x·G: the check uses K*_ℓ from the ceremony instead.
    const x = randomScalar();
    const e = toElection(election);
    const forged = valid.map((r) => {
      const A = parseTallyPointHex(r.a);
      const B = parseTallyPointHex(r.b);
      const shares = r.set.map((guardian) => {
        const s = createPartialDecryption(e, guardian, x, mulSecret(G, x), A, B, randomScalar());
        return { guardian, m: toHex(encodeTallyPoint(s.M)), c: hex(s.c), v: hex(s.v) };
      });
      return { ...r, shares };
    });
    expect(verifyThresholdResults(election, v.ceremony, forged)).toEqual({ valid: false, reason: TrusteeErrors.PartialDecryptionInvalid });
  });
});
