import { describe, expect, it } from "vitest";
import { p256 } from "@noble/curves/nist.js";
import { BallotErrors, TrusteeErrors } from "@/lib/crypto";
import { N, pointHex, scalarHex } from "@/lib/crypto/group";
import { auditCommand, challengedBallot, challengeFileName, checkChallenge } from "./ballot-challenge";
import { electionParams, encryptChoice } from "./voter-ballot";

const election = {
  id: 21,
  public_key: pointHex(p256.Point.BASE.multiply(0xC4A11E9En)),
  max_selections: 1,
  candidates: [
    { id: 7, position: 2, name: "B" },
    { id: 5, position: 1, name: "A" },
    { id: 9, position: 3, name: "C" },
  ],
};

describe("the challenge of one encryption", () => {
  it("reveals the selections and nonces of the encryption the voter saw, and they open it to the voter's choice", () => {
    const encrypted = encryptChoice(election, [7]);
    const challenged = challengedBallot(election.id, encrypted);

    expect(challenged).toMatchObject({ election_id: 21, selections: [0, 1, 0] });
    expect(challenged.ballot).toEqual(encrypted.ballot);
    expect(challenged.nonces).toHaveLength(3);
    expect(checkChallenge(election, challenged, [7])).toEqual({ matches: true });
  });

  it("fails when a nonce does not open its ciphertext", () => {
    const challenged = challengedBallot(election.id, encryptChoice(election, [7]));
    const wrong = { ...challenged, nonces: challenged.nonces.map((xi, i) => (i === 1 ? scalarHex((BigInt("0x" + xi) + 1n) % N) : xi)) };

    expect(checkChallenge(election, wrong, [7])).toEqual({ matches: false, reason: TrusteeErrors.SpoiledNonceMismatch });
  });

  it("fails when the ballot opens correctly but to another candidate than the voter chose", () => {
    const challenged = challengedBallot(election.id, encryptChoice(election, [9]));

    expect(checkChallenge(election, challenged, [7])).toEqual({ matches: false, reason: "the ballot encrypts a different choice from the one you made" });
  });

  it("fails when the revealed selections claim another choice than the ciphertexts hold", () => {
    const challenged = challengedBallot(election.id, encryptChoice(election, [7]));

    expect(checkChallenge(election, { ...challenged, selections: [1, 0, 0] }, [5])).toEqual({ matches: false, reason: TrusteeErrors.SpoiledNonceMismatch });
  });

  it("fails for a ballot of another election", () => {
    const other = { ...election, id: 22 };
    expect(checkChallenge(election, challengedBallot(other.id, encryptChoice(other, [7])), [7])).toEqual({ matches: false, reason: BallotErrors.WrongElection });
  });

  it("never reveals the same nonces twice: each encryption has fresh ones", () => {
    const [a, b] = [encryptChoice(election, [7]), encryptChoice(election, [7])];
    expect(a.nonces.some((xi) => b.nonces.includes(xi))).toBe(false);
    expect(a.trackingCode).not.toBe(b.trackingCode);
  });

  it("names the download and the command that re-checks it with the election's public values", () => {
    const encrypted = encryptChoice(election, [7]);
    const name = challengeFileName(election.id, encrypted.trackingCode);
    expect(name).toBe(`spoiled-ballot-21-${encrypted.trackingCode.slice(0, 12)}.json`);
    expect(auditCommand(election, name)).toBe(
      `evoting ballot audit ${name} --election-id 21 --public-key ${electionParams(election).publicKeyHex} --candidates 3 --max-selections 1`);
  });

});
