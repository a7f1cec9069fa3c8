import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { FinalityBadge } from "@/components/explorer/finality-badge";
import { ProblemMessage } from "@/components/ui/problem-message";
import { ApiError, errorMessage } from "@/lib/api/client";
import { readBlock, type BlockView } from "@/lib/api/blocks";
import { formatDateTime, shortHash } from "@/lib/format";
import { serverApi } from "@/lib/server/session";
import { TableWrap } from "@/components/ui/table-wrap";

export const metadata: Metadata = { title: "Block" };

export default async function BlockPage({ params }: { params: Promise<{ number: string }> }) {
  const { number } = await params;
  if (!/^\d+$/.test(number)) notFound();
  const api = await serverApi();
  let block: BlockView | null = null;
  let finalizedHeight: number | null = null;
  try {
    finalizedHeight = (await api.chainStats().catch(() => null))?.finalized_height ?? null;
    block = readBlock(await api.block(number), finalizedHeight);
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) notFound();
    return <ProblemMessage title={`Block ${number} could not be loaded.`} message={errorMessage(e)} />;
  }
  if (!block) return <ProblemMessage title={`Block ${number}`} message="The block's data could not be read." />;
  const n = block.number;

  return (
    <>
      <p className="small"><Link href="/explorer">← Explorer</Link></p>
      <div className="row">
        <h1 style={{ marginBottom: "0.5rem" }}>Block #{n}</h1>
        <FinalityBadge final={block.final} />
      </div>
      <nav aria-label="Neighbouring blocks" className="row small" style={{ marginBottom: "1rem" }}>
        {n > 0 && <Link href={`/explorer/blocks/${n - 1}`}>← Block #{n - 1}</Link>}
        <Link href={`/explorer/blocks/${n + 1}`}>Block #{n + 1} →</Link>
      </nav>
      <section className="card">
        <dl className="facts">
          <dt>Hash</dt><dd className="mono">{block.hash}</dd>
          <dt>Previous hash</dt>
          <dd className="mono">{block.prevHash ?? "—"}</dd>
          <dt>Time</dt><dd>{formatDateTime(block.timestampMs)}</dd>
          <dt>Proposer</dt><dd className="mono">{block.proposer ?? "—"}</dd>
          <dt>Consensus round</dt><dd>{block.round ?? "—"}</dd>
          <dt>Transactions root</dt><dd className="mono">{block.transactionsRoot ?? "—"}</dd>
          <dt>Commit certificate</dt>
          <dd>{block.commitSignatures === null ? "—" : `${block.commitSignatures} validator signatures`}</dd>
        </dl>
      </section>
      <h2>Transactions ({block.txCount})</h2>
      <TableWrap label="Transactions in this block">
        <table data-testid="block-transactions">
          <thead>
            <tr><th scope="col" className="num">#</th><th scope="col">Transaction</th><th scope="col">Type</th><th scope="col">Election</th><th scope="col">Tracking code</th></tr>
          </thead>
          <tbody>
            {block.txHashes.map((hash, i) => {
              const tx = block.transactions.find((t) => t.hash === hash) ?? null;
              return (
                <tr key={hash}>
                  <td className="num">{i}</td>
                  <td className="mono"><Link href={`/explorer/tx/${hash}?block=${n}`} title={hash}>{shortHash(hash, 8)}</Link></td>
                  <td>{tx?.type.replace(/_/g, " ") ?? "—"}</td>
                  <td>{tx?.electionId ?? "—"}</td>
                  <td className="mono" title={tx?.ballotHash ?? undefined}>{shortHash(tx?.ballotHash)}</td>
                </tr>
              );
            })}
            {block.txHashes.length === 0 && <tr><td colSpan={5} className="muted">This block has no transactions.</td></tr>}
          </tbody>
        </table>
      </TableWrap>
    </>
  );
}
