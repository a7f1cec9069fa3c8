// Block 7 of lib/testing/rfc6962-tree as GET /api/blockchain/blocks/7 answers it (BlockDetail in
// EVoting.Api: snake_case names, times in unix seconds and milliseconds, the commit certificate).
import { block, hex, txs } from "@/lib/testing/rfc6962-tree";

export const blockTimeMs = Date.UTC(2026, 2, 1, 10, 0, 0); // shown as "1 Mar 2026, 10:00:00 UTC"

export const apiBlock7 = {
  number: 7,
  hash: block.hash,
  prev_hash: "0x" + "ce".repeat(32),
  timestamp: blockTimeMs / 1000,
  timestamp_ms: blockTimeMs,
  validator: "0x" + "a1".repeat(20),
  round: 0,
  transactions_root: block.transactionsRoot,
  signature: "0x" + "5e".repeat(65),
  commit: { round: 0, precommits: ["0x" + "01".repeat(65), "0x" + "02".repeat(65), "0x" + "03".repeat(65)] },
  transactions: txs.map((t, i) => ({
    hash: hex(t), type: "vote", election_id: 1, timestamp: blockTimeMs / 1000, voter_id: `v${i}`,
    ballot_hash: "ab".repeat(32), encrypted_vote: "0x00", proof: "0x00", public_key: null,
    candidates: null, max_selections: null, from: "0x" + "b2".repeat(20), signature: "0x" + "5f".repeat(65),
  })),
};
