/** The ballot JSON (docs/ballot-crypto.md#ballot-json) and its strict parser (same rules and reasons as the C# side). */
import { BallotErrors, BallotFormatError } from "./errors";
import { parsePointHex, parseScalarHex, type Point } from "./group";
import { MAX_CANDIDATES } from "./election";

export interface ProofJson {
  c: string[];
  v: string[];
}

export interface CiphertextJson {
  alpha: string;
  beta: string;
}

/** What the browser submits (and the chain stores in binary form). */
export interface BallotJson {
  election_id: number;
  ciphertexts: CiphertextJson[];
  proofs: ProofJson[];
  sum_proof: ProofJson;
}

export interface RangeProof {
  c: bigint[];
  v: bigint[];
}

export interface Ciphertext {
  alpha: Point;
  beta: Point;
}

export interface ParsedBallot {
  electionId: bigint;
  ciphertexts: Ciphertext[];
  proofs: RangeProof[];
  sumProof: RangeProof;
}

type Obj = Record<string, unknown>;

function fields(value: unknown, where: string, names: string[]): Obj {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new BallotFormatError(BallotErrors.MalformedJson, where);
  }
  const obj = value as Obj;
  for (const key of Object.keys(obj)) {
    if (!names.includes(key)) throw new BallotFormatError(BallotErrors.UnknownField, `${where}.${key}`);
  }
  for (const name of names) {
    if (!(name in obj)) throw new BallotFormatError(BallotErrors.MissingField, `${where}.${name}`);
  }
  return obj;
}

function array(value: unknown, where: string): unknown[] {
  if (!Array.isArray(value)) throw new BallotFormatError(BallotErrors.MalformedJson, where);
  if (value.length > MAX_CANDIDATES + 1) throw new BallotFormatError(BallotErrors.WrongCandidateCount, where);
  return value;
}

function parseProof(value: unknown, where: string): RangeProof {
  const o = fields(value, where, ["c", "v"]);
  const c = array(o.c, `${where}.c`).map((x, j) => parseScalarHex(x, `${where}.c[${j}]`));
  const v = array(o.v, `${where}.v`).map((x, j) => parseScalarHex(x, `${where}.v[${j}]`));
  if (c.length !== v.length || c.length < 2) throw new BallotFormatError(BallotErrors.WrongProofLength, where);
  return { c, v };
}

/**
 * Parses a ballot (a JSON string or an already-parsed object) strictly; throws
 * {@link BallotFormatError}. Counts are checked against the election by verifyBallot. A JSON
 * string with a repeated key is not detected here (JSON.parse keeps the last); the server's parser
 * rejects it.
 */
export function parseBallot(input: unknown): ParsedBallot {
  let value = input;
  if (typeof input === "string") {
    try {
      value = JSON.parse(input);
    } catch {
      throw new BallotFormatError(BallotErrors.MalformedJson);
    }
  }
  const o = fields(value, "ballot", ["election_id", "ciphertexts", "proofs", "sum_proof"]);
  const id = o.election_id;
  if (typeof id !== "number" || !Number.isSafeInteger(id) || id < 0) {
    throw new BallotFormatError(BallotErrors.BadElectionId, "election_id");
  }
  const ciphertexts = array(o.ciphertexts, "ciphertexts").map((x, i) => {
    const ct = fields(x, `ciphertexts[${i}]`, ["alpha", "beta"]);
    return {
      alpha: parsePointHex(ct.alpha, `ciphertexts[${i}].alpha`),
      beta: parsePointHex(ct.beta, `ciphertexts[${i}].beta`),
    };
  });
  const proofs = array(o.proofs, "proofs").map((x, i) => parseProof(x, `proofs[${i}]`));
  const sumProof = parseProof(o.sum_proof, "sum_proof");
  return { electionId: BigInt(id), ciphertexts, proofs, sumProof };
}
