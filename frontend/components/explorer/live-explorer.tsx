"use client";

import { useEffect, useState } from "react";
import { loadExplorerData, mergeRefresh, type ExplorerData } from "@/lib/explorer-data";
import { formatDateTime } from "@/lib/format";
import { ProblemMessage } from "@/components/ui/problem-message";
import { BlockTable } from "./block-table";
import { ChainStatsView } from "./chain-stats";

/**
 * The explorer's figures and latest blocks, kept up to date in place: it asks the API for the
 * two again every few seconds instead of re-rendering the whole page, so nothing else on the
 * page (a running chain check, the reader's scroll or focus) is disturbed. Can be paused.
 */
export function LiveExplorer({ initial, renderedAt, seconds = 5 }: { initial: ExplorerData; renderedAt: number; seconds?: number }) {
  const [data, setData] = useState(initial);
  const [updatedAt, setUpdatedAt] = useState(renderedAt);
  const [refreshError, setRefreshError] = useState<string | null>(null);
  const [on, setOn] = useState(true);

  useEffect(() => {
    if (!on) return;
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout>;
    const tick = async () => {
      // A background tab does not ask; it catches up on the next tick after it is shown.
      if (!document.hidden) {
        const next = await loadExplorerData();
        if (cancelled) return;
        // Keep what was shown when a refresh fails; say so instead of blanking the page.
        if (next.stats === null && next.blocksError !== null) setRefreshError(next.statsError ?? next.blocksError);
        else {
          setData((prev) => ({
            stats: next.stats ?? prev.stats,
            statsError: next.stats ? null : next.statsError,
            blocks: next.blocksError ? prev.blocks : next.blocks,
            blocksError: next.blocksError && prev.blocks.length === 0 ? next.blocksError : null,
          }));
          setRefreshError(null);
          setUpdatedAt(Date.now());
        }
      }
      if (!cancelled) timer = setTimeout(tick, seconds * 1000);
    };
    timer = setTimeout(tick, seconds * 1000);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [on, seconds]);

  return (
    <>
      <div className="row live-controls">
        <button type="button" className="secondary" onClick={() => setOn((v) => !v)} aria-pressed={!on}>
          {on ? `Live (every ${seconds} s) — pause` : "Paused — resume live updates"}
        </button>
        <span className="small muted" data-testid="explorer-updated">Updated {formatDateTime(updatedAt)}</span>
      </div>
      {refreshError && <div className="alert warn"><p>Could not refresh: {refreshError} Retrying.</p></div>}
      {data.statsError && <ProblemMessage title="The chain's statistics could not be read." message={data.statsError} />}
      {data.stats && <ChainStatsView stats={data.stats} />}
      <h2>Latest blocks</h2>
      {data.blocksError ? <ProblemMessage title="The latest blocks could not be read." message={data.blocksError} /> : <BlockTable blocks={data.blocks} />}
    </>
  );
}
