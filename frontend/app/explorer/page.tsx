import type { Metadata } from "next";
import { AutoRefresh } from "@/components/explorer/auto-refresh";
import { BlockTable } from "@/components/explorer/block-table";
import { ChainStatsView } from "@/components/explorer/chain-stats";
import { VerifyChainButton } from "@/components/explorer/verify-chain-button";
import { ProblemMessage } from "@/components/ui/problem-message";
import { errorMessage } from "@/lib/api/client";
import { readBlockList, type BlockView } from "@/lib/api/blocks";
import type { ChainStats } from "@/lib/api/types";
import { serverApi } from "@/lib/server/session";

export const metadata: Metadata = { title: "Explorer" };

const pageSize = 20;

export default async function ExplorerPage() {
  const api = await serverApi();
  // Stats and blocks are asked for separately: one failing must not hide the other.
  const [statsResult, blocksResult] = await Promise.allSettled([api.chainStats(), api.blocks(pageSize)]);
  const stats: ChainStats | null = statsResult.status === "fulfilled" ? statsResult.value : null;
  const statsError = statsResult.status === "rejected" ? errorMessage(statsResult.reason) : null;
  const blocks: BlockView[] =
    blocksResult.status === "fulfilled" ? readBlockList(blocksResult.value, stats?.finalized_height ?? null) : [];
  const blocksError = blocksResult.status === "rejected" ? errorMessage(blocksResult.reason) : null;
  return (
    <>
      <div className="row" style={{ justifyContent: "space-between" }}>
        <h1>Blockchain explorer</h1>
        <AutoRefresh />
      </div>
      <p className="lead">Every vote is a transaction in a block. A block is final once a quorum of validators has signed it.</p>
      {statsError && <ProblemMessage title="The chain's statistics could not be read." message={statsError} />}
      {stats && <ChainStatsView stats={stats} />}
      <h2>Latest blocks</h2>
      {blocksError ? <ProblemMessage title="The latest blocks could not be read." message={blocksError} /> : <BlockTable blocks={blocks} />}
      <h2>Audit</h2>
      <VerifyChainButton />
    </>
  );
}
