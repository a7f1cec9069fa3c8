/** The trustee JSON parsers' refusals that the shared negative vectors do not cover (wrong JSON types, bad text). */
import { describe, expect, it } from "vitest";
import { verifyCeremony, verifyChallengedBallot, verifyThresholdResults, TrusteeErrors, BallotErrors } from "./index";
import { BallotFormatError } from "./errors";
import { makeCeremonyVector } from "./ceremony-vector";
import { parseEncryptedShare, parseThresholdResult } from "./trustee-json";

const reasonOf = (parse: () => unknown): string => {
  try {
    parse();
  } catch (error) {
    if (error instanceof BallotFormatError) return error.reason;
    throw error;
  }
  throw new Error("parsed");
};

describe("trustee JSON", () => {
  it.each([
    ["not JSON", "{", TrusteeErrors.MalformedJson],
    ["an array", "[]", TrusteeErrors.MalformedJson],
    ["a missing field", { from: 1, to: 2, r: "02" }, TrusteeErrors.MissingField],
    ["a guardian as a string", { from: "1", to: 2, r: "02", ciphertext: "" }, TrusteeErrors.BadGuardianIndex],
    ["a fractional guardian", { from: 1.5, to: 2, r: "02", ciphertext: "" }, TrusteeErrors.BadGuardianIndex],
    ["guardian 256", { from: 256, to: 2, r: "02", ciphertext: "" }, TrusteeErrors.BadGuardianIndex],
    ["R at infinity", { from: 1, to: 2, r: "00", ciphertext: "" }, BallotErrors.PointInfinity],
  ])("refuses an encrypted share that is %s", (_, input, reason) => {
    expect(reasonOf(() => parseEncryptedShare(input))).toBe(reason);
  });

  it.each([
    ["a count as a string", { a: "00", b: "00", shares: [], set: [], count: "0" }, TrusteeErrors.BadCount],
    ["a fractional count", { a: "00", b: "00", shares: [], set: [], count: 0.5 }, TrusteeErrors.BadCount],
    ["shares as an object", { a: "00", b: "00", shares: {}, set: [], count: 0 }, TrusteeErrors.MalformedJson],
    ["a guardian in the set as a string", { a: "00", b: "00", shares: [], set: ["1"], count: 0 }, TrusteeErrors.BadGuardianIndex],
    ["a point with 0x", { a: "0x00", b: "00", shares: [], set: [], count: 0 }, BallotErrors.PointNotHex],
    ["a short scalar", { a: "00", b: "00", shares: [{ guardian: 1, m: "00", c: "00", v: "00" }], set: [], count: 0 }, BallotErrors.ScalarWrongLength],
  ])("refuses a threshold result with %s", (_, input, reason) => {
    expect(reasonOf(() => parseThresholdResult(input))).toBe(reason);
  });

  it("refuses wrongly typed ceremony and challenged-ballot fields with the C# reasons", async () => {
    const v = await makeCeremonyVector("json tests", 5, "");
    expect(verifyCeremony({ ...v.ceremony, guardians: "3" as never })).toEqual({ valid: false, reason: TrusteeErrors.BadParameters });
    expect(verifyCeremony({ ...v.ceremony, quorum: 0 })).toEqual({ valid: false, reason: TrusteeErrors.BadParameters });
    expect(verifyCeremony({ ...v.ceremony, election_id: -5 })).toEqual({ valid: false, reason: BallotErrors.BadElectionId });
    expect(verifyCeremony("{")).toEqual({ valid: false, reason: TrusteeErrors.MalformedJson });
    const election = { electionId: 5, publicKeyHex: v.election.public_key, candidates: 4 };
    const challenged = v.challenged_ballot.challenged;
    expect(verifyChallengedBallot(election, challenged)).toEqual({ valid: true });
    expect(verifyChallengedBallot(election, { ...challenged, selections: ["0", 1, 0, 0] as never })).toEqual({
      valid: false,
      reason: TrusteeErrors.MalformedJson,
    });
    expect(verifyChallengedBallot(election, { ...challenged, ballot: [] as never })).toEqual({ valid: false, reason: TrusteeErrors.MalformedJson });
    const results = v.combinations[0].results;
    expect(verifyThresholdResults(election, v.ceremony, results)).toEqual({ valid: true });
    expect(verifyThresholdResults({ ...election, electionId: 6 }, v.ceremony, results)).toEqual({ valid: false, reason: BallotErrors.WrongElection });
    const otherKey = v.ceremony.verification_keys[0];
    expect(verifyThresholdResults({ ...election, publicKeyHex: otherKey }, v.ceremony, results)).toEqual({
      valid: false,
      reason: TrusteeErrors.ElectionKeyMismatch,
    });
  });
});
