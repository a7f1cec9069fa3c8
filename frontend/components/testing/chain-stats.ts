// GET /api/blockchain/stats as the API answers it for a healthy three-validator chain.
import type { ChainStats } from "@/lib/api/types";

export const healthyStats: ChainStats = {
  total_blocks: 43,
  total_votes: 17,
  finalized_height: 42,
  chain_valid: true,
  avg_block_time_ms: 2500,
  verified_height: 42,
  validators: [1, 2, 3].map((n) => ({ node_id: `validator-${n}`, address: "0x" + String(n).repeat(40), healthy: n !== 3, height: n !== 3 ? 42 : null })),
};
