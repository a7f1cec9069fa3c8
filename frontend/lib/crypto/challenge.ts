/** H_E and Hq (docs/ballot-crypto.md#keys-and-the-election-hash, #challenge-hash). */
import { expand_message_xmd } from "@noble/curves/abstract/hash-to-curve.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToBigInt, mod } from "./group";

const ascii = (s: string): Uint8Array => new TextEncoder().encode(s);

export const CHALLENGE_DST = ascii("EVOTE-V1-CHALLENGE");
const ELECTION_TAG = ascii("EVOTE-V1");
export const RANGE_PROOF_TAG = 0x21;
export const DECRYPTION_PROOF_TAG = 0x30;

export function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export function u32be(x: number): Uint8Array {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, x, false);
  return out;
}

export function u64be(x: bigint): Uint8Array {
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, x, false);
  return out;
}

/** Hq(msg) = OS2IP(expand_message_xmd(SHA-256, msg, "EVOTE-V1-CHALLENGE", 48)) mod n. */
export function hq(message: Uint8Array): bigint {
  return mod(bytesToBigInt(expand_message_xmd(message, CHALLENGE_DST, 48, sha256)));
}

/** H_E = SHA-256("EVOTE-V1" ‖ u64be(election_id) ‖ u32be(k) ‖ enc(K)). */
export function electionHashBytes(electionId: bigint, candidates: number, publicKey: Uint8Array): Uint8Array {
  return sha256(concat(ELECTION_TAG, u64be(electionId), u32be(candidates), publicKey));
}
