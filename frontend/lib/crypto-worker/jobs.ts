// The CPU-heavy checks the pages need, as the worker runs them. Plain functions of plain data,
// so Vitest runs the very same code in Node.

import { checkChallenge } from "@/lib/ballot-challenge";
import { checkBallot, encryptChoice } from "@/lib/voter-ballot";
import { checkInclusion } from "@/lib/inclusion";
import { checkChainTally } from "@/lib/chain/chain-tally";
import type { CryptoJob, CryptoJobResults, Progress } from "./protocol";

export function runJob<J extends CryptoJob>(job: J, onProgress: (p: Progress) => void): CryptoJobResults[J["kind"]] {
  return dispatch(job, onProgress) as CryptoJobResults[J["kind"]];
}

function dispatch(job: CryptoJob, onProgress: (p: Progress) => void): CryptoJobResults[CryptoJob["kind"]] {
  switch (job.kind) {
    case "prepareBallot": {
      const encrypted = encryptChoice(job.election, job.chosenIds, (done, total) => onProgress({ phase: "encrypting", done, total }));
      // Checked again as a validator will, so a broken browser never sends a ballot that fails.
      const invalid = checkBallot(job.election, encrypted.ballot, (done, total) => onProgress({ phase: "checking", done, total }));
      return { ...encrypted, invalid };
    }
    case "checkChallenge":
      return checkChallenge(job.election, job.challenged, job.chosenIds, (done, total) => onProgress({ phase: "checking", done, total }));
    case "checkChainTally":
      // Every ballot's points decoded and added: the part of the check that takes seconds on a large election.
      return checkChainTally(job.chain, job.shownCounts, (phase, done, total) => onProgress({ phase, done, total }));
    case "checkInclusion":
      // A few hashes only, but it recomputes a chain root, so it runs where the rest does.
      return checkInclusion(job.receipt, job.block);
  }
}
