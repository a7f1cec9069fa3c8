/** The cross-implementation trustee vectors in testdata/trustees (EVoting.Tests/Ballots/Trustees/TrusteeVectorTests.cs runs the same files). */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { verifyBallot, verifyCeremony, verifyChallengedBallot, verifyThresholdResults, type BallotJson } from "./index";
import { parseBallot } from "./ballot-json";
import { BALLOT_SELECTIONS, makeCeremonyVector } from "./ceremony-vector";
import { toElection } from "./election";
import { encodeTallyPoint, G, parseTallyPointHex, toHex, ZERO } from "./group";
import { verifyPartialDecryption } from "./threshold";
import { openShare } from "./trustees";
import { parseCeremony, parsePartialDecryption, type CeremonyJson, type ChallengedBallotJson, type EncryptedShareJson, type PartialDecryptionJson, type ThresholdResultJson } from "./trustee-json";

const dir = fileURLToPath(new URL("../../../testdata/trustees/", import.meta.url));
// The files' shapes are checked by the assertions themselves.
const load = (file: string): any => JSON.parse(readFileSync(dir + file, "utf8"));
const scalar = (hex: string): bigint => BigInt("0x" + hex);

interface ElectionJson {
  election_id: number;
  public_key: string;
  candidates: number;
  max_selections: number;
}

const params = (e: ElectionJson) => ({
  electionId: e.election_id,
  publicKeyHex: e.public_key,
  candidates: e.candidates,
  maxSelections: e.max_selections,
});

describe.each(["csharp-ceremony.json", "ts-ceremony.json"])("%s", (file) => {
  const v = load(file);
  const election = params(v.election);
  const ceremony: CeremonyJson = v.ceremony;

  it("is what TypeScript makes from the same label", async () => {
    const remade = await makeCeremonyVector(v.label, v.election_id, v.description);
    expect(JSON.stringify(remade)).toBe(JSON.stringify(v));
  });

  it("has a ceremony whose proofs, K and K*_ℓ verify", () => {
    expect(verifyCeremony(ceremony)).toEqual({ valid: true });
    expect(verifyCeremony(JSON.stringify(ceremony))).toEqual({ valid: true });
  });

  it("has shares that each recipient opens and checks against the sender's commitments", async () => {
    const record = parseCeremony(ceremony);
    const secrets = v.polynomials.map((p: { coefficients: string[] }) => scalar(p.coefficients[0]));
    for (const item of v.encrypted_shares) {
      expect(await openShare(record, item.encrypted, secrets[item.encrypted.to - 1])).toEqual({ share: scalar(item.share) });
    }
    v.secret_shares.forEach((s: string, l: number) => expect(toHex(G.multiply(scalar(s)).toBytes(true))).toBe(ceremony.verification_keys[l]));
  });

  it("has ballots that verify and sum to the aggregate", () => {
    const e = toElection(election);
    const A = Array.from({ length: e.candidates }, () => ZERO);
    const B = Array.from({ length: e.candidates }, () => ZERO);
    for (const { ballot } of v.ballots as { ballot: BallotJson }[]) {
      expect(verifyBallot(election, ballot)).toEqual({ valid: true });
      parseBallot(ballot).ciphertexts.forEach((ct, i) => {
        A[i] = A[i].add(ct.alpha);
        B[i] = B[i].add(ct.beta);
      });
    }
    expect(A.map((p) => toHex(encodeTallyPoint(p)))).toEqual(v.aggregate.a);
    expect(B.map((p) => toHex(encodeTallyPoint(p)))).toEqual(v.aggregate.b);
  });

  it("has partial decryptions that verify, and every 2-guardian combination gives the same D and counts", () => {
    const e = toElection(election);
    const record = parseCeremony(ceremony);
    for (const g of v.partial_decryptions as { guardian: number; shares: PartialDecryptionJson[] }[]) {
      g.shares.forEach((s, c) => {
        const A = parseTallyPointHex(v.aggregate.a[c]);
        const B = parseTallyPointHex(v.aggregate.b[c]);
        expect(verifyPartialDecryption(e, parsePartialDecryption(s), record.verificationKeys[g.guardian - 1], A, B)).toBeNull();
      });
    }
    const expected = BALLOT_SELECTIONS.reduce((sum, b) => sum.map((s, i) => s + b[i]), [0, 0, 0, 0]);
    expect(v.counts).toEqual(expected);
    expect(v.combinations.map((c: { set: number[] }) => c.set)).toEqual([[1, 2], [1, 3], [2, 3]]);
    for (const c of v.combinations as { d: string[]; results: ThresholdResultJson[] }[]) {
      expect(verifyThresholdResults(election, ceremony, c.results)).toEqual({ valid: true });
      expect(c.d).toEqual(v.combinations[0].d);
      expect(c.results.map((r) => r.count)).toEqual(expected);
    }
  });

  it("has an election without ballots whose shares and counts at infinity verify", () => {
    expect(v.empty_tally.every((r: ThresholdResultJson) => r.a === "00" && r.count === 0 && r.shares.every((s) => s.m === "00"))).toBe(true);
    expect(verifyThresholdResults(election, ceremony, v.empty_tally)).toEqual({ valid: true });
  });

  it("has a challenged ballot that opens to its selections", () => {
    expect(verifyChallengedBallot(election, v.challenged_ballot.challenged)).toEqual({ valid: true });
  });
});

describe("negative trustee vectors", () => {
  const file = load("negative.json");
  const election = params(file.election);
  const record = parseCeremony(file.ceremony);
  const cases: { name: string; kind: string; reason: string; [key: string]: unknown }[] = file.cases;
  it("has the defects the spec lists", () => expect(cases.length).toBeGreaterThanOrEqual(30));
  it.each(cases.map((c) => [c.name, c] as const))("%s is rejected for its reason", async (_, c) => {
    let reason: string | undefined;
    if (c.kind === "share") {
      const opened = await openShare(record, c.share as EncryptedShareJson, scalar(c.recipient_secret as string));
      reason = "reason" in opened ? opened.reason : undefined;
    } else {
      const result =
        c.kind === "ceremony"
          ? verifyCeremony(c.ceremony as CeremonyJson)
          : c.kind === "threshold_results"
            ? verifyThresholdResults(election, file.ceremony, c.results as ThresholdResultJson[])
            : verifyChallengedBallot(election, c.challenged as ChallengedBallotJson);
      reason = result.valid ? undefined : result.reason;
    }
    expect(reason).toBe(c.reason);
  });
});
