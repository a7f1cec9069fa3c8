// The voter's check of one encryption before casting (Benaloh's cast-or-challenge, docs/trustees.md#ballot-challenge):
// the browser reveals the selections and nonces of an encrypted ballot it has already shown (its tracking code), checks
// that the ballot opens to exactly the voter's choice, and that ballot is then spoiled: published, never cast.

import { verifyChallengedBallot, type ChallengedBallotJson, type ProgressCallback } from "@/lib/crypto";
import { electionParams, selectionVector, type ElectionKey, type EncryptedBallot } from "@/lib/voter-ballot";

/** The words the ballot page shows when the check passes. */
export const challengeMatches = "this encryption matches your choice";

/** The challenged ballot as the API lists it and `evoting ballot audit` reads it (docs/trustees.md#json-forms). */
export function challengedBallot(electionId: number, encrypted: EncryptedBallot): ChallengedBallotJson {
  return {
    election_id: electionId,
    ballot: { ...encrypted.ballot, election_id: electionId },
    selections: encrypted.selections,
    nonces: encrypted.nonces,
  };
}

export type ChallengeCheck = { matches: true } | { matches: false; reason: string };

/**
 * Whether the challenged ballot is an honest encryption of the voter's choice: its proofs verify, every ciphertext
 * opens with its revealed nonce (α = ξ·G, β = (m + ξ)·K), and the revealed selections are the candidates the voter
 * chose — a ballot that opens correctly to someone else is still a failed check.
 */
export function checkChallenge(election: ElectionKey, challenged: ChallengedBallotJson, chosenIds: number[], onProgress?: ProgressCallback): ChallengeCheck {
  const result = verifyChallengedBallot(electionParams(election), challenged, onProgress);
  if (!result.valid) return { matches: false, reason: result.reason };
  const expected = selectionVector(election.candidates, chosenIds);
  if (challenged.selections.length !== expected.length || challenged.selections.some((m, i) => m !== expected[i])) {
    return { matches: false, reason: "the ballot encrypts a different choice from the one you made" };
  }
  return { matches: true };
}

/** The file name the page offers the challenged ballot under. */
export function challengeFileName(electionId: number, trackingCode: string): string {
  return `spoiled-ballot-${electionId}-${trackingCode.slice(0, 12)}.json`;
}

/** The command line that checks the downloaded file on another computer (docs/trustees.md#ballot-challenge). */
export function auditCommand(election: ElectionKey, fileName: string): string {
  const params = electionParams(election);
  return `evoting ballot audit ${fileName} --election-id ${params.electionId} --public-key ${params.publicKeyHex}`
    + ` --candidates ${params.candidates} --max-selections ${params.maxSelections}`;
}
