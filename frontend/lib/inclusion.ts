// Checks in the browser that a transaction is in a block: the Merkle audit path from the
// receipt must lead from the transaction hash to the transactions root of the block.

import { verifyMerkleProof } from "@/lib/crypto";
import type { Receipt } from "@/lib/api/types";
import type { BlockView } from "@/lib/api/blocks";

export type InclusionResult =
  | { state: "valid"; root: string; index: number; count: number }
  | { state: "invalid"; reason: string }
  | { state: "unavailable"; reason: string };

const sameHex = (a: string, b: string) => a.replace(/^0x/i, "").toLowerCase() === b.replace(/^0x/i, "").toLowerCase();

export function checkInclusion(receipt: Receipt, block: BlockView | null): InclusionResult {
  if (receipt.block_number === null || receipt.block_number === undefined) {
    return { state: "unavailable", reason: "The vote is not in a block yet." };
  }
  if (block === null) return { state: "unavailable", reason: "The block could not be loaded." };
  if (block.number !== receipt.block_number) {
    return { state: "invalid", reason: `The receipt names block ${receipt.block_number}, but block ${block.number} was loaded.` };
  }
  const index = receipt.tx_index;
  const proof = receipt.merkle_proof;
  const root = block.transactionsRoot;
  if (index === null || index === undefined || !Array.isArray(proof)) {
    return { state: "unavailable", reason: "The receipt carries no inclusion proof." };
  }
  if (!root) return { state: "unavailable", reason: "The block does not show its transactions root." };
  if (receipt.transactions_root && !sameHex(receipt.transactions_root, root)) {
    return { state: "invalid", reason: "The receipt's transactions root differs from the block's." };
  }
  const count = block.txCount;
  if (index < 0 || index >= count) {
    return { state: "invalid", reason: `Position ${index} is outside the block's ${count} transactions.` };
  }
  const listed = block.txHashes[index];
  if (listed !== undefined && !sameHex(listed, receipt.transaction_id)) {
    return { state: "invalid", reason: `The block lists another transaction at position ${index}.` };
  }
  let ok = false;
  try {
    ok = Boolean(verifyMerkleProof({ txHash: receipt.transaction_id, index, count, proof, root }));
  } catch {
    ok = false;
  }
  return ok
    ? { state: "valid", root, index, count }
    : { state: "invalid", reason: "The Merkle proof does not lead to the block's transactions root." };
}
