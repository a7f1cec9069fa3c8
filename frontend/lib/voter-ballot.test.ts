import { describe, expect, it } from "vitest";
import { p256 } from "@noble/curves/nist.js";
import { verifyBallot } from "@/lib/crypto";
import { pointHex } from "@/lib/crypto/group";
import { ballotOrder, checkBallot, electionParams, encryptChoice, selectionProblem, selectionVector } from "./voter-ballot";

const publicKey = pointHex(p256.Point.BASE.multiply(0xC0FFEEn));
// Candidates deliberately listed out of ballot order: the ballot follows `position`.
const election = {
  id: 12,
  public_key: publicKey,
  max_selections: 1,
  candidates: [
    { id: 30, position: 3, name: "C" },
    { id: 10, position: 1, name: "A" },
    { id: 20, position: 2, name: "B" },
  ],
};

describe("ballot preparation", () => {
  it("orders candidates by position and builds the 0/1 vector", () => {
    expect(ballotOrder(election.candidates).map((c) => c.name)).toEqual(["A", "B", "C"]);
    expect(selectionVector(election.candidates, [20])).toEqual([0, 1, 0]);
    expect(selectionVector(election.candidates, [])).toEqual([0, 0, 0]);
  });

  it("says when too few or too many candidates are chosen", () => {
    expect(selectionProblem(0, 1)).toBe("Choose a candidate.");
    expect(selectionProblem(0, 2)).toBe("Choose at least one candidate.");
    expect(selectionProblem(3, 2)).toBe("You can choose at most 2 candidates; you chose 3.");
    expect(selectionProblem(1, 1)).toBeNull();
  });

  it("encrypts a choice into a ballot whose proofs verify, with a tracking code", () => {
    const { ballot, trackingCode } = encryptChoice(election, [30]);
    expect(ballot.ciphertexts).toHaveLength(3);
    expect(checkBallot(election, ballot)).toBeNull();
    expect(trackingCode).toMatch(/^[0-9a-f]{64}$/);
    // Same ballot, same code; a fresh encryption of the same choice gets a different code.
    expect(encryptChoice(election, [30]).trackingCode).not.toBe(trackingCode);
  });

  it("accepts a key sent with 0x and in upper case", () => {
    const params = electionParams({ ...election, public_key: `0x${publicKey.toUpperCase()}` });
    expect(params.publicKeyHex).toBe(publicKey);
    expect(params.candidates).toBe(3);
  });

  it("finds a ballot tampered with before sending", () => {
    const { ballot } = encryptChoice(election, [10]);
    const tampered = { ...ballot, ciphertexts: [ballot.ciphertexts[1], ballot.ciphertexts[0], ballot.ciphertexts[2]] };
    expect(checkBallot(election, tampered)).toMatch(/proof/);
    // and one made for another election does not pass as this one's
    expect(verifyBallot(electionParams({ ...election, id: 13 }), ballot).valid).toBe(false);
  });
});
