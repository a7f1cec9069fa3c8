/**
 * A share P_i(ℓ) encrypted to guardian ℓ's K_{ℓ,0} (docs/trustees.md "Key ceremony", step 2) with WebCrypto:
 * HKDF-SHA256 over the x-coordinate of r·K_{ℓ,0} (salt H_P, info "EVOTE-V1-SHARE" ‖ u32be(i) ‖ u32be(ℓ)), then
 * AES-256-GCM with a zero nonce (each key is used once) and the info as associated data. Byte-compatible with the
 * C# EncryptedShare.
 */
import { concat, u32be } from "./challenge";
import { bytesToBigInt, G, mulSecret, N, scalarToBytes, type Point } from "./group";
import type { EncryptedShare } from "./trustee-json";

const INFO_TAG = new TextEncoder().encode("EVOTE-V1-SHARE");
const NONCE = new Uint8Array(12);

/** WebCrypto takes only ArrayBuffer-backed views; noble's and our helpers return ArrayBufferLike ones. */
const own = (bytes: Uint8Array): Uint8Array<ArrayBuffer> => new Uint8Array(bytes);

const info = (from: number, to: number): Uint8Array => concat(INFO_TAG, u32be(from), u32be(to));

async function aesKey(hp: Uint8Array, shared: Point, associated: Uint8Array): Promise<CryptoKey> {
  const ikm = await crypto.subtle.importKey("raw", own(scalarToBytes(shared.toAffine().x)), "HKDF", false, ["deriveBits"]);
  const bits = await crypto.subtle.deriveBits({ name: "HKDF", hash: "SHA-256", salt: own(hp), info: own(associated) }, ikm, 256);
  return crypto.subtle.importKey("raw", bits, "AES-GCM", false, ["encrypt", "decrypt"]);
}

/** With the ephemeral scalar r supplied (deterministic vectors; a guardian's CLI draws it at random). */
export async function encryptShare(hp: Uint8Array, from: number, to: number, share: bigint, recipientKey: Point, r: bigint): Promise<EncryptedShare> {
  const associated = info(from, to);
  const key = await aesKey(hp, mulSecret(recipientKey, r), associated);
  const sealed = await crypto.subtle.encrypt({ name: "AES-GCM", iv: NONCE, additionalData: own(associated), tagLength: 128 }, key, own(scalarToBytes(share)));
  return { from, to, R: mulSecret(G, r), ciphertext: new Uint8Array(sealed) };
}

/** The share, or null when it does not decrypt with a_{ℓ,0} or is not below n. */
export async function decryptShare(hp: Uint8Array, share: EncryptedShare, recipientSecret: bigint): Promise<bigint | null> {
  const associated = info(share.from, share.to);
  const key = await aesKey(hp, mulSecret(share.R, recipientSecret), associated);
  try {
    const plain = new Uint8Array(await crypto.subtle.decrypt({ name: "AES-GCM", iv: NONCE, additionalData: own(associated), tagLength: 128 }, key, own(share.ciphertext)));
    const value = bytesToBigInt(plain);
    return plain.length === 32 && value < N ? value : null;
  } catch {
    return null;
  }
}
