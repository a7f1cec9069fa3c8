// The results page's tally check from the chain alone (docs/frontend.md "Checking the tally from the chain"): the sums
// of the chain's final ballots, then election_tally against them and the ceremony in election_open. The same checks,
// in the same order and with the same wording, as the CLI's ElectionRecordAudit (EVoting.Audit); the API's numbers
// only matter at the end, where the counts the page shows must be the chain's.

import { verifyCeremony, verifyThresholdResults, type CeremonyJson, type ProgressCallback, type ThresholdResultJson } from "@/lib/crypto";
import { BallotFormatError } from "@/lib/crypto/errors";
import { decodePoint, lowerHexToBytes, ZERO, type Point } from "@/lib/crypto/group";
import { parseCeremony, parseThresholdResults } from "@/lib/crypto/trustee-json";
import type { ChainElection } from "./rpc-block";

export interface ChainTallyCheck {
  ok: boolean;
  /** The first thing that failed, or null. */
  problem: string | null;
  blocksRead: number;
  validators: string[];
  ballots: number;
  candidates: number;
  guardians: number;
  quorum: number;
  /** Coefficient proofs of the ceremony checked. */
  ceremonyProofs: number;
  /** Partial decryption proofs checked (the shares in S, every candidate). */
  decryptionProofs: number;
  /** The guardians whose shares were combined (S of the first candidate). */
  set: number[];
  /** The counts in election_tally, in ballot order. */
  counts: number[];
  tallyTransaction: string | null;
}

/** Σα_i and Σβ_i per candidate over the encrypted votes (33-byte points α1‖β1‖…‖αk‖βk). onProgress counts ballots. */
export function sumBallots(ballots: string[], candidates: number, onProgress?: ProgressCallback): { A: Point[]; B: Point[] } {
  const A: Point[] = Array(candidates).fill(ZERO);
  const B: Point[] = Array(candidates).fill(ZERO);
  const every = Math.max(1, Math.floor(ballots.length / 100));
  ballots.forEach((hex, n) => {
    const bytes = lowerHexToBytes(hex);
    if (!bytes || bytes.length !== 66 * candidates) throw new Error(`final ballot ${n + 1} does not hold ${candidates} ciphertexts`);
    for (let i = 0; i < candidates; i++) {
      A[i] = A[i].add(decodePoint(bytes.subarray(66 * i, 66 * i + 33), `ballot ${n + 1}`));
      B[i] = B[i].add(decodePoint(bytes.subarray(66 * i + 33, 66 * i + 66), `ballot ${n + 1}`));
    }
    if ((n + 1) % every === 0 || n + 1 === ballots.length) onProgress?.(n + 1, ballots.length);
  });
  return { A, B };
}

/**
 * Checks one election's record as read from the chain. `shownCounts` are the counts the page shows (the API's), in
 * ballot order; they must be election_tally's. onProgress counts ballots summed, then candidates verified.
 */
export function checkChainTally(
  chain: ChainElection,
  shownCounts: number[],
  onProgress?: (phase: "summing" | "tally", done: number, total: number) => void,
): ChainTallyCheck {
  const id = chain.electionId;
  const report: ChainTallyCheck = {
    ok: false, problem: null, blocksRead: chain.blocksRead, validators: chain.validators, ballots: chain.ballots.length,
    candidates: chain.open?.candidates ?? 0, guardians: 0, quorum: 0, ceremonyProofs: 0, decryptionProofs: 0, set: [], counts: [],
    tallyTransaction: chain.tally?.hash ?? null,
  };
  const fail = (problem: string): ChainTallyCheck => ({ ...report, ok: false, problem });
  const { open, tally } = chain;
  if (!open) return fail(`The chain's ${chain.blocksRead} blocks hold no election_open for election ${id}.`);
  if (!chain.closed) return fail(`The chain has no election_close for election ${id}, yet a tally is published.`);
  if (!tally) return fail(`The chain holds no election_tally for election ${id} yet.`);
  if (open.ceremony === undefined) return fail(`Election ${id}'s election_open carries no ceremony record to check the tally against.`);
  try {
    // Typed as the JSON forms only nominally: both verifiers parse what the chain holds strictly.
    const ceremony = verifyCeremony(open.ceremony as CeremonyJson);
    if (!ceremony.valid) return fail(`The key ceremony in election_open does not verify: ${ceremony.reason}.`);
    const record = parseCeremony(open.ceremony);
    Object.assign(report, { guardians: record.guardians, quorum: record.quorum, ceremonyProofs: record.guardians * record.quorum });

    const sums = sumBallots(chain.ballots, open.candidates, (done, total) => onProgress?.("summing", done, total));
    if (tally.total_ballots !== chain.ballots.length) {
      return fail(`election_tally counts ${tally.total_ballots} ballots but the chain holds ${chain.ballots.length} final ballots.`);
    }
    const results = parseThresholdResults(tally.results);
    for (let i = 0; i < Math.min(results.length, open.candidates); i++) {
      if (!results[i].A.equals(sums.A[i]) || !results[i].B.equals(sums.B[i])) {
        return fail(`Candidate ${i + 1}: election_tally's aggregate is not the sum of the ${chain.ballots.length} ballots on chain.`);
      }
    }
    const params = { electionId: id, publicKeyHex: open.public_key, candidates: open.candidates, maxSelections: open.max_selections };
    const verdict = verifyThresholdResults(params, open.ceremony as CeremonyJson, tally.results as ThresholdResultJson[], (done, total) => onProgress?.("tally", done, total));
    if (!verdict.valid) return fail(`election_tally does not verify: ${verdict.reason}.`);
    Object.assign(report, {
      decryptionProofs: results.reduce((n, r) => n + r.set.length, 0),
      set: results[0]?.set ?? [],
      counts: results.map((r) => r.count),
    });
    if (shownCounts.length !== results.length || shownCounts.some((c, i) => c !== results[i].count)) {
      return fail(`The counts on this page (${shownCounts.join(", ")}) are not the chain's (${results.map((r) => r.count).join(", ")}).`);
    }
    return { ...report, ok: true };
  } catch (e) {
    if (e instanceof BallotFormatError) return fail(`The record on chain could not be read: ${e.reason}.`);
    return fail(`The record on chain could not be read: ${e instanceof Error ? e.message : String(e)}`);
  }
}
