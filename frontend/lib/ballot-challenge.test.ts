import { describe, expect, it } from "vitest";
import { BallotErrors, TrusteeErrors } from "@/lib/crypto";
import { N, scalarHex } from "@/lib/crypto/group";
import { singleChoice } from "@/components/testing/elections";
import { auditCommand, challengedBallot, challengeFileName, checkChallenge } from "./ballot-challenge";
import { electionParams, encryptChoice } from "./voter-ballot";

// Candidates 10, 20, 30 at positions 1, 2, 3 (listed out of order on purpose).
const election = singleChoice;

describe("the challenge of one encryption", () => {
  it("reveals the selections and nonces of the encryption the voter saw, and they open it to the voter's choice", () => {
    const encrypted = encryptChoice(election, [20]);
    const challenged = challengedBallot(election.id, encrypted);

    expect(challenged).toMatchObject({ election_id: 12, selections: [0, 1, 0] });
    expect(challenged.ballot).toEqual(encrypted.ballot);
    expect(challenged.nonces).toHaveLength(3);
    expect(checkChallenge(election, challenged, [20])).toEqual({ matches: true });
  });

  it("fails when a nonce does not open its ciphertext", () => {
    const challenged = challengedBallot(election.id, encryptChoice(election, [20]));
    const wrong = { ...challenged, nonces: challenged.nonces.map((xi, i) => (i === 1 ? scalarHex((BigInt("0x" + xi) + 1n) % N) : xi)) };

    expect(checkChallenge(election, wrong, [20])).toEqual({ matches: false, reason: TrusteeErrors.SpoiledNonceMismatch });
  });

  it("fails when the ballot opens correctly but to another candidate than the voter chose", () => {
    const challenged = challengedBallot(election.id, encryptChoice(election, [30]));

    expect(checkChallenge(election, challenged, [20])).toEqual({ matches: false, reason: "the ballot encrypts a different choice from the one you made" });
  });

  it("fails when the revealed selections claim another choice than the ciphertexts hold", () => {
    const challenged = challengedBallot(election.id, encryptChoice(election, [20]));

    expect(checkChallenge(election, { ...challenged, selections: [1, 0, 0] }, [10])).toEqual({ matches: false, reason: TrusteeErrors.SpoiledNonceMismatch });
  });

  it("fails for a ballot of another election", () => {
    const other = { ...election, id: 22 };
    expect(checkChallenge(election, challengedBallot(other.id, encryptChoice(other, [20])), [20])).toEqual({ matches: false, reason: BallotErrors.WrongElection });
  });

  it("never reveals the same nonces twice: each encryption has fresh ones", () => {
    const [a, b] = [encryptChoice(election, [20]), encryptChoice(election, [20])];
    expect(a.nonces.some((xi) => b.nonces.includes(xi))).toBe(false);
    expect(a.trackingCode).not.toBe(b.trackingCode);
  });

  it("names the download and the command that re-checks it with the election's public values", () => {
    const encrypted = encryptChoice(election, [20]);
    const name = challengeFileName(election.id, encrypted.trackingCode);
    expect(name).toBe(`spoiled-ballot-12-${encrypted.trackingCode.slice(0, 12)}.json`);
    expect(auditCommand(election, name)).toBe(
      `evoting ballot audit ${name} --election-id 12 --public-key ${electionParams(election).publicKeyHex} --candidates 3 --max-selections 1`);
  });

});
