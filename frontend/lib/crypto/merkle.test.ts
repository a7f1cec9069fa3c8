import { describe, expect, it } from "vitest";
import { keccak_256 } from "@noble/hashes/sha3.js";
import { verifyMerkleProof } from "./merkle";
import { concat } from "./challenge";
import { toHex } from "./group";

// An independent builder of the chain's tree (RFC 6962 shape, Keccak-256) to produce proofs.
const leaf = (h: Uint8Array) => keccak_256(concat(new Uint8Array([0]), h));
const node = (l: Uint8Array, r: Uint8Array) => keccak_256(concat(new Uint8Array([1]), l, r));
const split = (n: number) => {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
};
const root = (hs: Uint8Array[]): Uint8Array =>
  hs.length === 1 ? leaf(hs[0]) : node(root(hs.slice(0, split(hs.length))), root(hs.slice(split(hs.length))));
const path = (hs: Uint8Array[], i: number): Uint8Array[] => {
  if (hs.length === 1) return [];
  const k = split(hs.length);
  return i < k ? [...path(hs.slice(0, k), i), root(hs.slice(k))] : [...path(hs.slice(k), i - k), root(hs.slice(0, k))];
};

const txs = Array.from({ length: 9 }, (_, i) => keccak_256(new Uint8Array([i])));

describe("verifyMerkleProof", () => {
  for (let n = 1; n <= 9; n++) {
    it(`accepts every leaf of a ${n}-leaf tree and rejects it elsewhere`, () => {
      const hs = txs.slice(0, n);
      const r = "0x" + toHex(root(hs));
      for (let i = 0; i < n; i++) {
        const proof = path(hs, i).map((p) => "0x" + toHex(p));
        const input = { txHash: "0x" + toHex(hs[i]), index: i, count: n, proof, root: r };
        expect(verifyMerkleProof(input)).toBe(true);
        expect(verifyMerkleProof({ ...input, txHash: "0x" + toHex(txs[(i + 1) % 9]) })).toBe(false);
        expect(verifyMerkleProof({ ...input, index: n === 1 ? 1 : (i + 1) % n })).toBe(false);
        expect(verifyMerkleProof({ ...input, proof: [...proof, proof[0] ?? r] })).toBe(false);
        if (proof.length > 0) expect(verifyMerkleProof({ ...input, proof: proof.slice(1) })).toBe(false);
      }
    });
  }

  it("rejects malformed input instead of throwing", () => {
    expect(verifyMerkleProof({ txHash: "0x12", index: 0, count: 1, proof: [], root: "0x" + "00".repeat(32) })).toBe(false);
    expect(verifyMerkleProof({ txHash: "0x" + "00".repeat(32), index: -1, count: 1, proof: [], root: "0x" + "00".repeat(32) })).toBe(false);
  });
});
