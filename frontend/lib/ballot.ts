// The voter's side of a ballot: turns the choices made in the form into an encrypted ballot
// with proofs (lib/crypto does the mathematics) and checks it before it leaves the browser.

import { ballotHash, encryptBallot, verifyBallot } from "@/lib/crypto";
import type { Ballot, Election } from "@/lib/api/types";

/** Candidates in the election's order (position), which is the order of the ciphertexts. */
export function ballotOrder<T extends { position: number }>(candidates: T[]): T[] {
  return [...candidates].sort((a, b) => a.position - b.position);
}

/** Checks the number of choices against the election's rule; returns a sentence or null. */
export function selectionProblem(selectedCount: number, maxSelections: number): string | null {
  if (selectedCount === 0) return maxSelections === 1 ? "Choose a candidate." : "Choose at least one candidate.";
  if (selectedCount > maxSelections) {
    return `You can choose at most ${maxSelections} ${maxSelections === 1 ? "candidate" : "candidates"}; you chose ${selectedCount}.`;
  }
  return null;
}

/** The 0/1 selection vector m_1..m_k from the chosen candidate ids. */
export function selectionVector(candidates: { id: number; position: number }[], chosenIds: number[]): number[] {
  const chosen = new Set(chosenIds);
  return ballotOrder(candidates).map((c) => (chosen.has(c.id) ? 1 : 0));
}

export interface EncryptedBallot {
  ballot: Ballot;
  trackingCode: string;
}

type ElectionKey = Pick<Election, "id" | "public_key" | "election_hash" | "candidates" | "max_selections">;

export function encryptChoice(election: ElectionKey, chosenIds: number[]): EncryptedBallot {
  const selections = selectionVector(election.candidates, chosenIds);
  const ballot = encryptBallot({
    electionId: election.id,
    publicKeyHex: election.public_key,
    candidates: election.candidates.length,
    maxSelections: election.max_selections,
    selections,
  }) as Ballot;
  return { ballot, trackingCode: String(ballotHash(ballot, election.public_key)) };
}

/** Verifies the ballot's proofs again, as a validator will, before sending it. */
export function checkBallot(election: ElectionKey, ballot: Ballot): boolean {
  return Boolean(
    verifyBallot({
      electionId: election.id,
      publicKeyHex: election.public_key,
      candidates: election.candidates.length,
      maxSelections: election.max_selections,
      ballot,
    }),
  );
}
