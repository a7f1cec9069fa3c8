/** The label-derived randomness of the shared deterministic vectors (same rule as the C# VectorMaker). */
import { sha256 } from "@noble/hashes/sha2.js";
import type { BallotRandomness } from "./ballot-encryption";
import { bytesToBigInt, N, scalarHex } from "./group";

export function vectorScalar(label: string): bigint {
  return (bytesToBigInt(sha256(new TextEncoder().encode("EVOTE-V1 vector " + label))) % (N - 1n)) + 1n;
}

export function vectorRandomness(label: string, candidates: number, maxSelections: number): BallotRandomness {
  const proof = (l: string, bound: number) => ({
    u: Array.from({ length: bound + 1 }, (_, j) => vectorScalar(`${l} u ${j}`)),
    c: Array.from({ length: bound + 1 }, (_, j) => vectorScalar(`${l} c ${j}`)),
  });
  return {
    xi: Array.from({ length: candidates }, (_, i) => vectorScalar(`${label} xi ${i + 1}`)),
    proofs: Array.from({ length: candidates }, (_, i) => proof(`${label} proof ${i + 1}`, 1)),
    sum: proof(`${label} sum`, maxSelections),
  };
}

export interface RandomnessJson {
  xi: string[];
  proofs: { u: string[]; c: string[] }[];
  sum: { u: string[]; c: string[] };
}

export function randomnessToJson(r: BallotRandomness): RandomnessJson {
  const p = (x: { u: bigint[]; c: bigint[] }) => ({ u: x.u.map(scalarHex), c: x.c.map(scalarHex) });
  return { xi: r.xi.map(scalarHex), proofs: r.proofs.map(p), sum: p(r.sum) };
}

export function randomnessFromJson(j: RandomnessJson): BallotRandomness {
  const s = (h: string) => BigInt("0x" + h);
  const p = (x: { u: string[]; c: string[] }) => ({ u: x.u.map(s), c: x.c.map(s) });
  return { xi: j.xi.map(s), proofs: j.proofs.map(p), sum: p(j.sum) };
}
