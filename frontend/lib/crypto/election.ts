import { electionHashBytes } from "./challenge";
import { BallotErrors, BallotFormatError } from "./errors";
import { electionKey, lowerHexToBytes, type Point } from "./group";

/** What a ballot is made and checked against (the election's public record). */
export interface ElectionParams {
  electionId: number | bigint;
  /** enc(K): 33-byte compressed point, lowercase hex without 0x. */
  publicKeyHex: string;
  /** k, the number of candidates. */
  candidates: number;
  /** L, at most this many selections (default 1). */
  maxSelections?: number;
}

/** The parameters decoded and checked once, with H_E. */
export interface Election {
  id: bigint;
  publicKey: Uint8Array;
  K: Point;
  candidates: number;
  maxSelections: number;
  hash: Uint8Array;
}

export const MAX_CANDIDATES = 1000;

export function toElection(params: ElectionParams): Election {
  const candidates = params.candidates;
  const maxSelections = params.maxSelections ?? 1;
  const id = typeof params.electionId === "bigint" ? params.electionId : BigInt(params.electionId);
  if (
    !Number.isInteger(candidates) ||
    !Number.isInteger(maxSelections) ||
    candidates < 1 ||
    candidates > MAX_CANDIDATES ||
    maxSelections < 1 ||
    maxSelections > candidates ||
    id < 0n ||
    id >= 1n << 64n
  ) {
    throw new BallotFormatError(BallotErrors.BadElectionParameters);
  }
  const K = electionKey(params.publicKeyHex);
  const publicKey = lowerHexToBytes(params.publicKeyHex)!;
  return { id, publicKey, K, candidates, maxSelections, hash: electionHashBytes(id, candidates, publicKey) };
}
