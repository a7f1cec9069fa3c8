/**
 * The trustee JSON forms (docs/trustees.md "JSON forms") and their strict parsers: the same fields, order of checks
 * and reasons as the C# TrusteeJsonReader. As for ballots, a repeated key inside a JSON string cannot be seen here
 * (JSON.parse keeps the last); the server's parser refuses it.
 */
import { parseBallot, type BallotJson, type ParsedBallot } from "./ballot-json";
import { MAX_CANDIDATES } from "./election";
import { BallotErrors, BallotFormatError } from "./errors";
import { encodeTallyPoint, lowerHexToBytes, parsePointHex, parseScalarHex, parseTallyPointHex, pointHex, scalarHex, toHex, type Point } from "./group";
import { MAX_GUARDIANS, TrusteeErrors } from "./trustee-errors";

export interface CommitmentJson {
  commitment: string;
  c: string;
  v: string;
}

export interface CeremonyJson {
  election_id: number;
  guardians: number;
  quorum: number;
  /** In guardian order, each guardian's q commitments in coefficient order. */
  commitments: CommitmentJson[][];
  election_key: string;
  verification_keys: string[];
}

export interface EncryptedShareJson {
  from: number;
  to: number;
  /** R = r·G. */
  r: string;
  /** 32-byte ciphertext ‖ 16-byte tag, 96 hex digits. */
  ciphertext: string;
}

export interface PartialDecryptionJson {
  guardian: number;
  /** M_ℓ, tally encoding ("00" is infinity). */
  m: string;
  c: string;
  v: string;
}

export interface ThresholdResultJson {
  a: string;
  b: string;
  shares: PartialDecryptionJson[];
  set: number[];
  count: number;
}

export interface ChallengedBallotJson {
  election_id: number;
  ballot: BallotJson;
  selections: number[];
  nonces: string[];
}

export interface Commitment {
  guardian: number;
  index: number;
  commitment: Point;
  c: bigint;
  v: bigint;
}

export interface CeremonyRecord {
  electionId: bigint;
  guardians: number;
  quorum: number;
  commitments: Commitment[][];
  electionKey: Point;
  verificationKeys: Point[];
}

export interface EncryptedShare {
  from: number;
  to: number;
  R: Point;
  ciphertext: Uint8Array;
}

export interface PartialDecryption {
  guardian: number;
  M: Point;
  c: bigint;
  v: bigint;
}

export interface ThresholdResult {
  A: Point;
  B: Point;
  shares: PartialDecryption[];
  set: number[];
  count: number;
}

export interface ChallengedBallot {
  electionId: bigint;
  ballot: ParsedBallot;
  ballotJson: BallotJson;
  selections: number[];
  nonces: bigint[];
}

type Obj = Record<string, unknown>;

/** A JSON string is parsed here; anything else is taken as already parsed. */
export function jsonValue(input: unknown): unknown {
  if (typeof input !== "string") return input;
  try {
    return JSON.parse(input);
  } catch {
    throw new BallotFormatError(TrusteeErrors.MalformedJson);
  }
}

function fields(value: unknown, where: string, names: string[]): Obj {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new BallotFormatError(TrusteeErrors.MalformedJson, where);
  }
  const obj = value as Obj;
  for (const key of Object.keys(obj)) {
    if (!names.includes(key)) throw new BallotFormatError(TrusteeErrors.UnknownField, `${where}.${key}`);
  }
  for (const name of names) {
    if (!(name in obj)) throw new BallotFormatError(TrusteeErrors.MissingField, `${where}.${name}`);
  }
  return obj;
}

function array(value: unknown, where: string, max: number, tooLong: string): unknown[] {
  if (!Array.isArray(value)) throw new BallotFormatError(TrusteeErrors.MalformedJson, where);
  if (value.length > max) throw new BallotFormatError(tooLong, where);
  return value;
}

/** A JSON integer in the C# int range (the C# side reads it with TryGetInt32), else `reason`. */
function integer(value: unknown, where: string, reason: string): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < -(2 ** 31) || value >= 2 ** 31) {
    throw new BallotFormatError(reason, where);
  }
  return value;
}

function guardian(value: unknown, where: string): number {
  const index = typeof value === "number" && Number.isInteger(value) ? value : 0;
  if (index < 1 || index > MAX_GUARDIANS) throw new BallotFormatError(TrusteeErrors.BadGuardianIndex, where);
  return index;
}

function electionId(value: unknown, where: string): bigint {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0) {
    throw new BallotFormatError(BallotErrors.BadElectionId, where);
  }
  return BigInt(value);
}

export function parseCeremony(input: unknown): CeremonyRecord {
  const o = fields(jsonValue(input), "ceremony", ["election_id", "guardians", "quorum", "commitments", "election_key", "verification_keys"]);
  const id = electionId(o.election_id, "election_id");
  const guardians = integer(o.guardians, "guardians", TrusteeErrors.BadParameters);
  const quorum = integer(o.quorum, "quorum", TrusteeErrors.BadParameters);
  if (quorum < 1 || quorum > guardians || guardians > MAX_GUARDIANS) throw new BallotFormatError(TrusteeErrors.BadParameters, "guardians");
  const commitments = array(o.commitments, "commitments", MAX_GUARDIANS, TrusteeErrors.WrongCommitmentCount).map((g, i) =>
    array(g, `commitments[${i}]`, MAX_GUARDIANS, TrusteeErrors.WrongCommitmentCount).map((x, j) => {
      const where = `commitments[${i}][${j}]`;
      const c = fields(x, where, ["commitment", "c", "v"]);
      return {
        guardian: i + 1,
        index: j,
        commitment: parsePointHex(c.commitment, `${where}.commitment`),
        c: parseScalarHex(c.c, `${where}.c`),
        v: parseScalarHex(c.v, `${where}.v`),
      };
    }),
  );
  const electionKey = parsePointHex(o.election_key, "election_key");
  const verificationKeys = array(o.verification_keys, "verification_keys", MAX_GUARDIANS, TrusteeErrors.VerificationKeyMismatch).map((k, l) =>
    parsePointHex(k, `verification_keys[${l}]`),
  );
  return { electionId: id, guardians, quorum, commitments, electionKey, verificationKeys };
}

export function ceremonyToJson(r: CeremonyRecord): CeremonyJson {
  return {
    election_id: Number(r.electionId),
    guardians: r.guardians,
    quorum: r.quorum,
    commitments: r.commitments.map((g) => g.map((c) => ({ commitment: pointHex(c.commitment), c: scalarHex(c.c), v: scalarHex(c.v) }))),
    election_key: pointHex(r.electionKey),
    verification_keys: r.verificationKeys.map(pointHex),
  };
}

export function parseEncryptedShare(input: unknown, where = "share"): EncryptedShare {
  const o = fields(jsonValue(input), where, ["from", "to", "r", "ciphertext"]);
  const from = guardian(o.from, `${where}.from`);
  const to = guardian(o.to, `${where}.to`);
  const R = parsePointHex(o.r, `${where}.r`);
  const ciphertext = lowerHexToBytes(o.ciphertext);
  if (!ciphertext || ciphertext.length !== 48) throw new BallotFormatError(TrusteeErrors.BadShareCiphertext, `${where}.ciphertext`);
  return { from, to, R, ciphertext };
}

export function encryptedShareToJson(s: EncryptedShare): EncryptedShareJson {
  return { from: s.from, to: s.to, r: pointHex(s.R), ciphertext: toHex(s.ciphertext) };
}

export function parsePartialDecryption(input: unknown, where = "partial decryption"): PartialDecryption {
  const o = fields(jsonValue(input), where, ["guardian", "m", "c", "v"]);
  return {
    guardian: guardian(o.guardian, `${where}.guardian`),
    M: parseTallyPointHex(o.m, `${where}.m`),
    c: parseScalarHex(o.c, `${where}.c`),
    v: parseScalarHex(o.v, `${where}.v`),
  };
}

const tallyHex = (p: Point): string => toHex(encodeTallyPoint(p));

export function partialDecryptionToJson(p: PartialDecryption): PartialDecryptionJson {
  return { guardian: p.guardian, m: tallyHex(p.M), c: scalarHex(p.c), v: scalarHex(p.v) };
}

export function parseThresholdResult(input: unknown, where = "result"): ThresholdResult {
  const o = fields(jsonValue(input), where, ["a", "b", "shares", "set", "count"]);
  const A = parseTallyPointHex(o.a, `${where}.a`);
  const B = parseTallyPointHex(o.b, `${where}.b`);
  const shares = array(o.shares, `${where}.shares`, MAX_GUARDIANS, TrusteeErrors.MalformedJson).map((s, j) =>
    parsePartialDecryption(s, `${where}.shares[${j}]`),
  );
  const set = array(o.set, `${where}.set`, MAX_GUARDIANS, TrusteeErrors.MalformedJson).map((g, j) => guardian(g, `${where}.set[${j}]`));
  const count = o.count;
  if (typeof count !== "number" || !Number.isSafeInteger(count) || count < 0) throw new BallotFormatError(TrusteeErrors.BadCount, `${where}.count`);
  return { A, B, shares, set, count };
}

/** One result per candidate, in candidate order. */
export function parseThresholdResults(input: unknown): ThresholdResult[] {
  return array(jsonValue(input), "results", MAX_CANDIDATES, BallotErrors.WrongCandidateCount).map((r, i) => parseThresholdResult(r, `results[${i}]`));
}

export function thresholdResultToJson(r: ThresholdResult): ThresholdResultJson {
  return { a: tallyHex(r.A), b: tallyHex(r.B), shares: r.shares.map(partialDecryptionToJson), set: [...r.set], count: r.count };
}

export function parseChallengedBallot(input: unknown): ChallengedBallot {
  const o = fields(jsonValue(input), "challenged ballot", ["election_id", "ballot", "selections", "nonces"]);
  const id = electionId(o.election_id, "election_id");
  if (typeof o.ballot !== "object" || o.ballot === null || Array.isArray(o.ballot)) throw new BallotFormatError(TrusteeErrors.MalformedJson, "ballot");
  const ballot = parseBallot(o.ballot);
  const selections = array(o.selections, "selections", MAX_CANDIDATES, BallotErrors.WrongCandidateCount).map((m, i) =>
    integer(m, `selections[${i}]`, TrusteeErrors.MalformedJson),
  );
  const nonces = array(o.nonces, "nonces", MAX_CANDIDATES, BallotErrors.WrongCandidateCount).map((x, i) => parseScalarHex(x, `nonces[${i}]`));
  return { electionId: id, ballot, ballotJson: o.ballot as BallotJson, selections, nonces };
}
