// Re-verifies a published tally in the browser: for every candidate, the Chaum-Pedersen proof
// that D was decrypted with the election's secret, and that the published count T satisfies
// T·K = B − D. Nothing is taken on trust from the server's own "verified" flag.

import { verifyDecryption } from "@/lib/crypto";
import type { Election, Results } from "@/lib/api/types";

export interface CandidateCheck {
  name: string;
  count: number;
  ok: boolean;
  reason: string | null;
}

export interface TallyCheck {
  ok: boolean;
  checks: CandidateCheck[];
  problem: string | null;
}

type ElectionKey = Pick<Election, "id" | "public_key" | "candidates">;

export function checkTally(election: ElectionKey, results: Results): TallyCheck {
  const k = results.candidates.length;
  if (k === 0) return { ok: false, checks: [], problem: "The results list no candidates." };
  if (results.aggregate.length !== k || results.decryption.length !== k) {
    return { ok: false, checks: [], problem: `Expected ${k} aggregates and decryption proofs, got ${results.aggregate.length} and ${results.decryption.length}.` };
  }
  if (k !== election.candidates.length) {
    return { ok: false, checks: [], problem: `The election has ${election.candidates.length} candidates but the results list ${k}.` };
  }
  const checks = results.candidates.map((c, i): CandidateCheck => {
    if (!Number.isInteger(c.count) || c.count < 0 || c.count > results.total_ballots) {
      return { name: c.name, count: c.count, ok: false, reason: "The count is not between 0 and the number of ballots." };
    }
    let ok = false;
    let reason: string | null = null;
    try {
      ok = Boolean(
        verifyDecryption({
          electionId: election.id,
          publicKeyHex: election.public_key,
          candidates: election.candidates.length,
          aggregate: results.aggregate[i],
          decryption: results.decryption[i],
          count: c.count,
        }),
      );
      if (!ok) reason = "The decryption proof or the count does not hold.";
    } catch (e) {
      reason = e instanceof Error ? e.message : "The published values could not be read.";
    }
    return { name: c.name, count: c.count, ok, reason };
  });
  return { ok: checks.every((c) => c.ok), checks, problem: null };
}
