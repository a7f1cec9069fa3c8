// What the explorer shows, loaded the same way by the server (first render) and by the
// browser (live updates).

import { ApiClient, browserApi, errorMessage } from "@/lib/api/client";
import { readBlockList, type BlockView } from "@/lib/api/blocks";
import type { ChainStats } from "@/lib/api/types";

export const explorerPageSize = 20;

export interface ExplorerData {
  stats: ChainStats | null;
  statsError: string | null;
  blocks: BlockView[];
  blocksError: string | null;
}

/** Stats and blocks are asked for separately: one failing must not hide the other. */
export async function loadExplorerData(api: ApiClient = browserApi()): Promise<ExplorerData> {
  const [stats, blocks] = await Promise.allSettled([api.chainStats(), api.blocks(explorerPageSize)]);
  const s = stats.status === "fulfilled" ? stats.value : null;
  return {
    stats: s,
    statsError: stats.status === "rejected" ? errorMessage(stats.reason) : null,
    blocks: blocks.status === "fulfilled" ? readBlockList(blocks.value, s?.finalized_height ?? null) : [],
    blocksError: blocks.status === "rejected" ? errorMessage(blocks.reason) : null,
  };
}

/** A refresh's answer laid over what is shown: a part that failed keeps its last good data. */
export function mergeRefresh(shown: ExplorerData, next: ExplorerData): ExplorerData {
  return {
    stats: next.stats ?? shown.stats,
    statsError: next.stats ? null : shown.statsError,
    blocks: next.blocksError ? shown.blocks : next.blocks,
    blocksError: next.blocksError ? shown.blocksError : null,
  };
}
