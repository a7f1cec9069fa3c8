// Re-verifies a published tally in the browser: for every candidate, the Chaum-Pedersen proof
// that D was decrypted with the election's secret, and that the published count T satisfies
// T·K = B − D. Nothing is taken on trust from the server's own "verified" flag.

import { verifyDecryption, type ProgressCallback } from "@/lib/crypto";
import type { Results } from "@/lib/api/types";
import { electionParams, type ElectionKey } from "./voter-ballot";

export interface TallyCheck {
  ok: boolean;
  candidates: number;
  problem: string | null;
}


export function checkTally(election: ElectionKey, results: Results, onProgress?: ProgressCallback): TallyCheck {
  const k = election.candidates.length;
  if (results.candidates.length !== k) {
    return { ok: false, candidates: k, problem: `The election has ${k} candidates but the results list ${results.candidates.length}.` };
  }
  try {
    const outcome = verifyDecryption(electionParams(election), results, onProgress);
    return outcome.valid
      ? { ok: true, candidates: k, problem: null }
      : { ok: false, candidates: k, problem: `The check failed: ${outcome.reason}.` };
  } catch (e) {
    return { ok: false, candidates: k, problem: `The published values could not be read: ${e instanceof Error ? e.message : String(e)}` };
  }
}
