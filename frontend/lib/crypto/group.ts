/**
 * The group of docs/ballot-crypto.md#notation-and-encodings: P-256 points in strict 33-byte compressed form, scalars as
 * 32-byte big-endian below n. Secrets use noble's constant-time `multiply` (which refuses 0, so
 * zero is handled here); public verification uses `mulAddUnsafe`.
 */
import { p256 } from "@noble/curves/nist.js";
import { BallotErrors, BallotFormatError } from "./errors";

export const Point = p256.Point;
export type Point = InstanceType<typeof p256.Point>;
export const N: bigint = p256.Point.Fn.ORDER;
export const G: Point = p256.Point.BASE;
export const ZERO: Point = p256.Point.ZERO;

export const mod = (x: bigint): bigint => {
  const r = x % N;
  return r < 0n ? r + N : r;
};

/**
 * Window of the precomputed tables for G and K (each built once per page). A browser encrypts one
 * ballot per page: 17 multiplications by each base for 5 candidates. Noble's default width 8
 * builds 4,224 table points per base and then needs 66 additions per multiplication; width 6
 * builds 1,376 and needs 86: about half the work for the first ballot, ~30% more for later ones.
 */
export const TABLE_WINDOW = 6;

// A private copy of G, so its table has our window without changing noble's shared BASE.
let gTable: Point | null = null;

function baseTable(): Point {
  if (!gTable) {
    gTable = new Point(G.X, G.Y, G.Z);
    gTable.precompute(TABLE_WINDOW, false);
  }
  return gTable;
}

/** k·P for a secret k (constant time); 0 gives infinity instead of throwing. G uses its own table. */
export function mulSecret(p: Point, k: bigint): Point {
  const s = mod(k);
  if (s === 0n) return ZERO;
  return (p === G ? baseTable() : p).multiply(s);
}

/** a·P + b·Q for public scalars (variable time). */
export function mulAdd(p: Point, a: bigint, q: Point, b: bigint): Point {
  return p.mulAddUnsafe(mod(a), q, mod(b));
}

/** Uniform in [1, n−1] from crypto.getRandomValues (rejection sampling). */
export function randomScalar(): bigint {
  const bytes = new Uint8Array(32);
  for (;;) {
    crypto.getRandomValues(bytes);
    const k = bytesToBigInt(bytes);
    if (k > 0n && k < N) return k;
  }
}

export function bytesToBigInt(bytes: Uint8Array): bigint {
  let x = 0n;
  for (const b of bytes) x = (x << 8n) | BigInt(b);
  return x;
}

export function scalarToBytes(k: bigint): Uint8Array {
  const out = new Uint8Array(32);
  let x = k;
  for (let i = 31; i >= 0; i--) {
    out[i] = Number(x & 0xffn);
    x >>= 8n;
  }
  return out;
}

const HEX = /^(?:[0-9a-f]{2})*$/;

/** Lowercase hex without 0x, or null. */
export function lowerHexToBytes(text: unknown): Uint8Array | null {
  if (typeof text !== "string" || !HEX.test(text)) return null;
  const out = new Uint8Array(text.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(text.slice(2 * i, 2 * i + 2), 16);
  return out;
}

export function toHex(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += b.toString(16).padStart(2, "0");
  return s;
}

/** Strict point decoding: 33 bytes, prefix 02/03, on the curve; never infinity. */
export function decodePoint(bytes: Uint8Array, where?: string): Point {
  if (bytes.length === 1 && bytes[0] === 0) throw new BallotFormatError(BallotErrors.PointInfinity, where);
  if (bytes.length === 65) throw new BallotFormatError(BallotErrors.PointUncompressed, where);
  if (bytes.length !== 33) throw new BallotFormatError(BallotErrors.PointWrongLength, where);
  if (bytes[0] !== 2 && bytes[0] !== 3) throw new BallotFormatError(BallotErrors.PointBadPrefix, where);
  try {
    const p = Point.fromBytes(bytes);
    p.assertValidity();
    return p;
  } catch {
    throw new BallotFormatError(BallotErrors.PointNotOnCurve, where);
  }
}

export function parsePointHex(text: unknown, where?: string): Point {
  const bytes = lowerHexToBytes(text);
  if (!bytes) throw new BallotFormatError(BallotErrors.PointNotHex, where);
  return decodePoint(bytes, where);
}

/** Tally form: "00" is infinity (an aggregate of no ballots), otherwise strict. */
export function parseTallyPointHex(text: unknown, where?: string): Point {
  return text === "00" ? ZERO : parsePointHex(text, where);
}

export function parseScalarHex(text: unknown, where?: string): bigint {
  const bytes = lowerHexToBytes(text);
  if (!bytes) throw new BallotFormatError(BallotErrors.ScalarNotHex, where);
  if (bytes.length !== 32) throw new BallotFormatError(BallotErrors.ScalarWrongLength, where);
  const k = bytesToBigInt(bytes);
  if (k >= N) throw new BallotFormatError(BallotErrors.ScalarOutOfRange, where);
  return k;
}

/** 33-byte compressed encoding; infinity is never encoded in a ballot. */
export function encodePoint(p: Point): Uint8Array {
  if (p.is0()) throw new BallotFormatError(BallotErrors.PointInfinity);
  return p.toBytes(true);
}

/** Tally encoding: infinity is the single byte 00. */
export function encodeTallyPoint(p: Point): Uint8Array {
  return p.is0() ? new Uint8Array([0]) : p.toBytes(true);
}

export const pointHex = (p: Point): string => toHex(encodePoint(p));
export const scalarHex = (k: bigint): string => toHex(scalarToBytes(k));

const keyCache = new Map<string, Point>();

/** Election key K, decoded once per key with a precomputed table (K is multiplied many times per ballot). */
export function electionKey(publicKeyHex: string): Point {
  const cached = keyCache.get(publicKeyHex);
  if (cached) return cached;
  const k = parsePointHex(publicKeyHex, "public key");
  k.precompute(TABLE_WINDOW, false);
  if (keyCache.size > 64) keyCache.clear();
  keyCache.set(publicKeyHex, k);
  return k;
}
