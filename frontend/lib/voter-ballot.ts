// The voter's side of a ballot: turns the choices made in the form into an encrypted ballot
// with proofs (lib/crypto does the mathematics) and checks it before it leaves the browser.

import { ballotHash, encryptBallotKeepingNonces, verifyBallot, type BallotJson, type ElectionParams, type ProgressCallback } from "@/lib/crypto";
import { scalarHex } from "@/lib/crypto/group";
import type { Ballot, Candidate, Election } from "@/lib/api/types";

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
  ballot: BallotJson;
  trackingCode: string;
  /**
   * The 0/1 selections and the nonces ξ_i (lowercase hex) that hide them: kept only in this page, revealed only if
   * the voter challenges this encryption (lib/ballot-challenge.ts), never sent with a cast ballot.
   */
  selections: number[];
  nonces: string[];
}

/** What the ballot's cryptography reads of an election: its key, and its candidates' ids in ballot order. */
export type ElectionKey = Pick<Election, "id" | "public_key" | "max_selections"> & { candidates: Pick<Candidate, "id" | "position">[] };

/** The election's public record in the form lib/crypto takes (key as lowercase hex, no 0x). */
export function electionParams(election: ElectionKey): ElectionParams {
  return {
    electionId: election.id,
    publicKeyHex: election.public_key.replace(/^0x/i, "").toLowerCase(),
    candidates: election.candidates.length,
    maxSelections: election.max_selections,
  };
}

export function encryptChoice(election: ElectionKey, chosenIds: number[], onProgress?: ProgressCallback): EncryptedBallot {
  const params = electionParams(election);
  const selections = selectionVector(election.candidates, chosenIds);
  const { ballot, nonces } = encryptBallotKeepingNonces({ ...params, selections }, onProgress);
  return { ballot, trackingCode: ballotHash(params, ballot), selections, nonces: nonces.map(scalarHex) };
}

/** Verifies the ballot's proofs again, as a validator will, before sending it. Null when valid. */
export function checkBallot(election: ElectionKey, ballot: Ballot, onProgress?: ProgressCallback): string | null {
  const result = verifyBallot(electionParams(election), { election_id: election.id, ...ballot }, onProgress);
  return result.valid ? null : result.reason;
}
