import type { Metadata } from "next";
import Link from "next/link";
import { ProblemMessage } from "@/components/ui/problem-message";
import { readBlock, type BlockView, type TxView } from "@/lib/api/blocks";
import type { Receipt } from "@/lib/api/types";
import { formatDateTime, normalizeTxHash } from "@/lib/format";
import { serverApi } from "@/lib/server/session";

export const metadata: Metadata = { title: "Transaction" };

type Props = { params: Promise<{ hash: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function TransactionPage({ params, searchParams }: Props) {
  const { hash: raw } = await params;
  const query = await searchParams;
  const hash = normalizeTxHash(decodeURIComponent(raw));
  if (!hash) return <ProblemMessage title="Not a transaction id" message="A transaction id is 0x followed by 64 hexadecimal characters." />;
  const api = await serverApi();

  // Votes have a receipt (which names the block); election events are found through the block.
  const receipt: Receipt | null = await api.receipt(hash).catch(() => null);
  const blockParam = typeof query.block === "string" && /^\d+$/.test(query.block) ? Number(query.block) : null;
  const blockNumber = receipt?.block_number ?? blockParam;
  let block: BlockView | null = null;
  if (blockNumber !== null && blockNumber !== undefined) {
    block = readBlock(await api.block(blockNumber).catch(() => null));
  }
  const index = block ? block.txHashes.findIndex((h) => h.toLowerCase() === hash) : -1;
  const tx: TxView | null = block?.transactions.find((t) => t.hash.toLowerCase() === hash) ?? null;

  if (!receipt && index < 0) {
    return (
      <>
        <h1>Transaction</h1>
        <p className="mono">{hash}</p>
        <ProblemMessage message="This transaction was not found. It may not be in a block yet; votes can be followed on their receipt page." />
        <p><Link href={`/receipt/${hash}`}>Open the receipt page</Link></p>
      </>
    );
  }

  return (
    <>
      <p className="small"><Link href="/explorer">← Explorer</Link></p>
      <h1>Transaction</h1>
      <section className="card">
        <dl className="facts">
          <dt>Hash</dt><dd className="mono">{hash}</dd>
          <dt>Type</dt><dd>{tx?.type.replace(/_/g, " ") ?? (receipt ? "vote" : "—")}</dd>
          <dt>Status</dt><dd>{receipt?.status ?? (block?.final ? "final" : block ? "in a block" : "—")}</dd>
          <dt>Block</dt>
          <dd>{block ? <Link href={`/explorer/blocks/${block.number}`}>#{block.number}</Link> : "not yet in a block"}{index >= 0 && `, position ${index}`}</dd>
          <dt>Election</dt>
          <dd>{tx?.electionId ?? receipt?.election_id ?? "—"}</dd>
          {(tx?.ballotHash || receipt?.ballot_hash) && (<><dt>Tracking code</dt><dd className="mono">{tx?.ballotHash ?? receipt?.ballot_hash}</dd></>)}
          {tx?.nullifier && (<><dt>Voter nullifier</dt><dd className="mono">{tx.nullifier}</dd></>)}
          {tx?.from && (<><dt>Submitted by</dt><dd className="mono">{tx.from}</dd></>)}
          {tx?.timestamp !== null && tx?.timestamp !== undefined && (<><dt>Time</dt><dd>{formatDateTime(tx.timestamp * 1000)}</dd></>)}
          {tx?.encryptedVoteBytes !== null && tx?.encryptedVoteBytes !== undefined && (<><dt>Encrypted vote</dt><dd>{tx.encryptedVoteBytes} bytes (ciphertexts only; the choice is not readable)</dd></>)}
          {tx?.proofBytes !== null && tx?.proofBytes !== undefined && (<><dt>Proofs</dt><dd>{tx.proofBytes} bytes</dd></>)}
          {tx?.candidates !== null && tx?.candidates !== undefined && (<><dt>Candidates</dt><dd>{tx.candidates}</dd></>)}
          {tx?.maxSelections !== null && tx?.maxSelections !== undefined && (<><dt>Choices per ballot</dt><dd>{tx.maxSelections}</dd></>)}
          {tx?.publicKey && (<><dt>Election public key</dt><dd className="mono">{tx.publicKey}</dd></>)}
        </dl>
      </section>
      {receipt && <p><Link className="button" href={`/receipt/${hash}`}>Check this vote&apos;s inclusion proof</Link></p>}
    </>
  );
}
