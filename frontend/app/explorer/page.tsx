import type { Metadata } from "next";
import { LiveExplorer } from "@/components/explorer/live-explorer";
import { VerifyChainButton } from "@/components/explorer/verify-chain-button";
import { loadExplorerData } from "@/lib/explorer-data";
import { serverApi } from "@/lib/server/session";

export const metadata: Metadata = { title: "Explorer" };

export default async function ExplorerPage() {
  const initial = await loadExplorerData(await serverApi());
  return (
    <>
      <h1>Blockchain explorer</h1>
      <p className="lead">Every vote is a transaction in a block. A block is final once a quorum of validators has signed it.</p>
      <LiveExplorer initial={initial} renderedAt={Date.now()} />
      <h2>Audit</h2>
      <VerifyChainButton />
    </>
  );
}
