import { describe, expect, it } from "vitest";
import { p256 } from "@noble/curves/nist.js";
import { BallotErrors, ballotHash, encryptBallot, selectionsFor, verifyBallot, type BallotJson } from "./index";
import { pointHex, parsePointHex, N, scalarHex } from "./group";

const secret = 0x1234567890abcdefn;
const publicKeyHex = pointHex(p256.Point.BASE.multiply(secret));
const election = { electionId: 7, publicKeyHex, candidates: 5, maxSelections: 1 };

const clone = (b: BallotJson): BallotJson => JSON.parse(JSON.stringify(b));

describe("encryptBallot / verifyBallot", () => {
  it.each([
    [5, 1, [3]],
    [5, 1, []],
    [1, 1, [1]],
    [4, 2, [1, 4]],
    [4, 3, [2]],
  ])("a ballot for %i candidates, L = %i, choosing %j verifies", (candidates, maxSelections, chosen) => {
    const params = { electionId: 3, publicKeyHex, candidates, maxSelections };
    const selections = Array.from({ length: candidates }, (_, i) => (chosen.includes(i + 1) ? 1 : 0));
    const ballot = encryptBallot({ ...params, selections });
    expect(ballot.ciphertexts).toHaveLength(candidates);
    expect(ballot.sum_proof.c).toHaveLength(maxSelections + 1);
    expect(verifyBallot(params, ballot)).toEqual({ valid: true });
    expect(verifyBallot(params, JSON.stringify(ballot))).toEqual({ valid: true });
  });

  it("refuses selections the election does not allow", () => {
    expect(() => encryptBallot({ ...election, selections: [1, 1, 0, 0, 0] })).toThrow();
    expect(() => encryptBallot({ ...election, selections: [2, 0, 0, 0, 0] })).toThrow();
    expect(() => encryptBallot({ ...election, selections: [1] })).toThrow();
    expect(() => selectionsFor(5, 6)).toThrow();
  });

  it("rejects tampering with the reason the spec gives", () => {
    const ballot = encryptBallot({ ...election, selections: selectionsFor(5, 2) });
    const reason = (b: unknown, e = election) => {
      const r = verifyBallot(e, b as BallotJson);
      return r.valid ? null : r.reason;
    };
    const K = parsePointHex(publicKeyHex);

    const tamperedBeta = clone(ballot);
    tamperedBeta.ciphertexts[1].beta = pointHex(parsePointHex(ballot.ciphertexts[1].beta).add(K));
    expect(reason(tamperedBeta)).toBe(BallotErrors.RangeProofInvalid);

    const wrongSum = clone(ballot);
    wrongSum.proofs[0].c[0] = scalarHex((BigInt("0x" + ballot.proofs[0].c[0]) + 1n) % N);
    expect(reason(wrongSum)).toBe(BallotErrors.RangeProofInvalid);

    const bigScalar = clone(ballot);
    bigScalar.proofs[0].v[1] = scalarHex(N);
    expect(reason(bigScalar)).toBe(BallotErrors.ScalarOutOfRange);

    const uncompressed = clone(ballot);
    uncompressed.ciphertexts[0].alpha = parsePointHex(ballot.ciphertexts[0].alpha).toHex(false);
    expect(reason(uncompressed)).toBe(BallotErrors.PointUncompressed);

    const infinity = clone(ballot);
    infinity.ciphertexts[0].alpha = "00";
    expect(reason(infinity)).toBe(BallotErrors.PointInfinity);

    const upper = clone(ballot);
    upper.ciphertexts[0].alpha = ballot.ciphertexts[0].alpha.toUpperCase();
    expect(reason(upper)).toBe(BallotErrors.PointNotHex);

    expect(reason({ ...ballot, election_id: 8 })).toBe(BallotErrors.WrongElection);
    expect(reason({ ...ballot, election_id: 8 }, { ...election, electionId: 8 })).toBe(BallotErrors.RangeProofInvalid);
    expect(reason({ ...ballot, extra: 1 })).toBe(BallotErrors.UnknownField);
    expect(reason({ ...ballot, election_id: 7.5 })).toBe(BallotErrors.BadElectionId);
    expect(reason("{")).toBe(BallotErrors.MalformedJson);
    expect(reason({ ...ballot, proofs: ballot.proofs.slice(1) })).toBe(BallotErrors.WrongCandidateCount);
    expect(reason(ballot, { ...election, maxSelections: 2 })).toBe(BallotErrors.WrongProofLength);

    const swapped = clone(ballot);
    [swapped.ciphertexts[0], swapped.ciphertexts[1]] = [swapped.ciphertexts[1], swapped.ciphertexts[0]];
    [swapped.proofs[0], swapped.proofs[1]] = [swapped.proofs[1], swapped.proofs[0]];
    expect(reason(swapped)).toBe(BallotErrors.RangeProofInvalid);
  });

  it("gives a 64-hex-digit tracking code that depends on the election", () => {
    const ballot = encryptBallot({ ...election, selections: selectionsFor(5, 1) });
    const hash = ballotHash(election, ballot);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(ballotHash({ ...election, electionId: 8 }, { ...ballot, election_id: 8 })).not.toBe(hash);
  });
});
