// The messages between a page and the crypto web worker. Everything here is plain data, so it
// crosses postMessage's structured clone unchanged (no functions, no class instances).

import type { BlockView } from "@/lib/api/blocks";
import type { Receipt } from "@/lib/api/types";
import type { ChallengeCheck } from "@/lib/ballot-challenge";
import type { ChallengedBallotJson } from "@/lib/crypto";
import type { ElectionKey, EncryptedBallot } from "@/lib/voter-ballot";
import type { InclusionResult } from "@/lib/inclusion";
import type { ChainTallyCheck } from "@/lib/chain/chain-tally";
import type { ChainElection } from "@/lib/chain/rpc-block";


/** The work a page can hand to the worker. */
export type CryptoJob =
  | { kind: "prepareBallot"; election: ElectionKey; chosenIds: number[] }
  | { kind: "checkChallenge"; election: ElectionKey; challenged: ChallengedBallotJson; chosenIds: number[] }
  | { kind: "checkChainTally"; chain: ChainElection; shownCounts: number[] }
  | { kind: "checkInclusion"; receipt: Receipt; block: BlockView };

/** A ballot encrypted and then checked again; `invalid` is the reason its proofs failed, or null. */
export interface PreparedBallot extends EncryptedBallot {
  invalid: string | null;
}

export interface CryptoJobResults {
  prepareBallot: PreparedBallot;
  checkChallenge: ChallengeCheck;
  checkChainTally: ChainTallyCheck;
  checkInclusion: InclusionResult;
}

export type CryptoJobKind = CryptoJob["kind"];
export type JobOf<K extends CryptoJobKind> = Extract<CryptoJob, { kind: K }>;

/** What a progress report is about: making the ballot's proofs, checking them, reading the chain, summing its ballots, or a tally's proofs. */
export type ProgressPhase = "encrypting" | "checking" | "reading" | "summing" | "tally";

export interface Progress {
  phase: ProgressPhase;
  done: number;
  total: number;
}

export type CryptoRequest = { id: number; job: CryptoJob };

export type CryptoResponse =
  | ({ id: number; type: "progress" } & Progress)
  | { id: number; type: "result"; value: CryptoJobResults[CryptoJobKind] }
  | { id: number; type: "error"; message: string };

/** The part of a Worker, a worker's global scope or a MessagePort that both ends use. */
export interface MessageEndpoint {
  postMessage(message: unknown): void;
  addEventListener(type: "message", listener: (event: MessageEvent) => void): void;
  start?: () => void;
}
