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
  let stats: ChainStats | null = null;
  let blocks: BlockView[] = [];
  let error: string | null = null;
  try {
    stats = await api.chainStats();
    blocks = readBlockList(await api.blocks(pageSize), stats.finalized_height);
  } catch (e) {
    error = errorMessage(e);
  }
  return (
    <>
      <div className="row" style={{ justifyContent: "space-between" }}>
        <h1>Blockchain explorer</h1>
        <AutoRefresh />
      </div>
      <p className="lead">Every vote is a transaction in a block. A block is final once a quorum of validators has signed it.</p>
      {error && <ProblemMessage title="The chain could not be read." message={error} />}
      {stats && <ChainStatsView stats={stats} />}
      <h2>Latest blocks</h2>
      <BlockTable blocks={blocks} />
      <h2>Audit</h2>
      <VerifyChainButton />
    </>
  );
}
