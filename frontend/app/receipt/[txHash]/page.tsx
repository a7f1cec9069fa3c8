import type { Metadata } from "next";
import Link from "next/link";
import { ReceiptTracker } from "@/components/receipt/receipt-tracker";
import { TrackForm } from "@/components/receipt/track-form";
import { TrackingCodeHelp } from "@/components/receipt/tracking-code-help";
import { readBlock, type BlockView } from "@/lib/api/blocks";
import type { Receipt } from "@/lib/api/types";
import { normalizeTxHash } from "@/lib/format";
import { serverApi } from "@/lib/server/session";

export const metadata: Metadata = { title: "Vote receipt" };

export default async function ReceiptPage({ params }: { params: Promise<{ txHash: string }> }) {
  const { txHash: raw } = await params;
  const txHash = normalizeTxHash(decodeURIComponent(raw));
  if (!txHash) {
    return (
      <>
        <h1>Track a vote</h1>
        <TrackForm defaultValue={raw} error="That is not a transaction id: it is 0x followed by 64 hexadecimal characters." />
      </>
    );
  }
  const api = await serverApi();
  // The first answer is rendered on the server, with the block (its time) and the election (its
  // title), so the page is complete before any script runs; the tracker then keeps it live.
  const initial: Receipt | null = await api.receipt(txHash).catch(() => null);
  const [block, electionTitle] = await Promise.all([
    initial?.block_number == null ? null : api.block(initial.block_number).then((raw): BlockView | null => readBlock(raw)).catch(() => null),
    initial ? api.election(initial.election_id).then((e) => e.title).catch(() => null) : null,
  ]);
  return (
    <>
      <p className="small"><Link href="/receipt">← Track another vote</Link></p>
      <h1>Vote receipt</h1>
      <p className="lead">Follow this vote from submission to a final block, and check that it is there.</p>
      <ReceiptTracker txHash={txHash} initial={initial} initialBlock={block} electionTitle={electionTitle} />
      <TrackingCodeHelp txHash={txHash} />
    </>
  );
}
