/**
 * The binary form a vote transaction carries (the chain's encrypted_vote and proof fields):
 * encrypted_vote = α1‖β1‖…‖αk‖βk (33-byte points); proof = per candidate c0‖c1‖v0‖v1, then the
 * sum proof c0..cL‖v0..vL (32-byte scalars). Hex here is lowercase without 0x.
 */
import type { BallotJson } from "./ballot-json";

export function encryptedVoteHex(ballot: BallotJson): string {
  return ballot.ciphertexts.map((ct) => ct.alpha + ct.beta).join("");
}

export function proofHex(ballot: BallotJson): string {
  return [...ballot.proofs, ballot.sum_proof].map((p) => p.c.join("") + p.v.join("")).join("");
}
