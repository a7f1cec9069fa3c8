"use client";

import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import { ApiError, browserApi, errorMessage } from "@/lib/api/client";
import { readBlock, type BlockView } from "@/lib/api/blocks";
import type { Receipt } from "@/lib/api/types";
import { formatDateTime, shortHash } from "@/lib/format";
import { cryptoClient } from "@/lib/crypto-worker/browser";
import type { InclusionResult } from "@/lib/inclusion";
import { nextPollDelay, receiptSteps, statusSentence } from "@/lib/receipt-status";

const stepMark: Record<string, string> = { done: "✓ ", current: "… ", upcoming: "", failed: "✗ " };

interface ReceiptTrackerProps {
  txHash: string;
  initial: Receipt | null;
  /** The receipt's block as the server loaded it with the page, if it is in one. */
  initialBlock?: BlockView | null;
  electionTitle?: string | null;
}

const blockKey = (number: number | null | undefined, status: string | null | undefined) => `${number ?? "-"}/${status ?? "-"}`;

/** Follows one vote live: polls its receipt until final, then checks its inclusion proof. */
export function ReceiptTracker({ txHash, initial, initialBlock = null, electionTitle = null }: ReceiptTrackerProps) {
  const [receipt, setReceipt] = useState<Receipt | null>(initial);
  const [error, setError] = useState<string | null>(null);
  const [notFound, setNotFound] = useState(false);
  const [block, setBlock] = useState<BlockView | null>(
    initialBlock && initialBlock.number === initial?.block_number ? initialBlock : null,
  );
  const [title, setTitle] = useState<string | null>(electionTitle);
  // The block loaded for which (number, status): the server's block counts, so it is not asked twice.
  const loadedFor = useRef<string | null>(block ? blockKey(initial?.block_number, initial?.status) : null);
  const [blockError, setBlockError] = useState<string | null>(null);
  const [inclusion, setInclusion] = useState<InclusionResult | null>(null);
  const attempt = useRef(0);

  // Poll the receipt until it is final (or rejected), backing off over time.
  useEffect(() => {
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const schedule = (status: string | null) => {
      const delay = nextPollDelay(status, attempt.current++);
      if (delay !== null && !cancelled) timer = setTimeout(poll, delay);
    };
    async function poll() {
      try {
        const r = await browserApi().receipt(txHash);
        if (cancelled) return;
        setReceipt(r);
        setNotFound(false);
        setError(null);
        schedule(r.status);
      } catch (e) {
        if (cancelled) return;
        if (e instanceof ApiError && e.status === 404) setNotFound(true);
        else setError(errorMessage(e));
        schedule(null);
      }
    }
    schedule(initial?.status ?? null);
    return () => {
      cancelled = true;
      if (timer) clearTimeout(timer);
    };
  }, [txHash, initial]);

  // Load the block once the vote is in one (again when the status moves on: the block becomes
  // final), then check the proof against its root.
  const blockNumber = receipt?.block_number ?? null;
  const status = receipt?.status ?? null;
  useEffect(() => {
    if (blockNumber === null || blockNumber === undefined) return;
    const key = blockKey(blockNumber, status);
    if (loadedFor.current === key) return;
    loadedFor.current = key;
    let cancelled = false;
    browserApi()
      .block(blockNumber)
      .then((raw) => {
        if (cancelled) return;
        const b = readBlock(raw);
        setBlock(b);
        setBlockError(b === null ? "The block's data could not be read." : null);
      })
      .catch((e: unknown) => {
        if (!cancelled) setBlockError(errorMessage(e));
      });
    return () => {
      cancelled = true;
      if (loadedFor.current === key) loadedFor.current = null;
    };
  }, [blockNumber, status]);

  // The election's title, when the server could not give it (the vote was not known yet).
  const electionId = receipt?.election_id ?? null;
  useEffect(() => {
    if (title !== null || electionId === null) return;
    let cancelled = false;
    browserApi()
      .election(electionId)
      .then((e) => {
        if (!cancelled) setTitle(e.title);
      })
      .catch(() => {}); // the link still leads to the election; its number stands in for the title
    return () => {
      cancelled = true;
    };
  }, [title, electionId]);

  // The root is recomputed in the crypto worker, with the ballot's and the tally's checks.
  useEffect(() => {
    if (!receipt || !block) return;
    let cancelled = false;
    cryptoClient()
      .run({ kind: "checkInclusion", receipt, block })
      .then((result) => {
        if (!cancelled) setInclusion(result);
      })
      .catch((e: unknown) => {
        if (!cancelled) setInclusion({ state: "unavailable", reason: errorMessage(e) });
      });
    return () => {
      cancelled = true;
    };
  }, [receipt, block]);

  if (!receipt) {
    return (
      <div aria-live="polite">
        {notFound || !error ? (
          <div className="alert info">
            <p>No vote with this transaction id is known yet. This page keeps checking.</p>
          </div>
        ) : (
          <div className="alert error" role="alert"><p>{error}</p></div>
        )}
      </div>
    );
  }

  const steps = receiptSteps(receipt.status);
  return (
    <>
      <div aria-live="polite" data-testid="receipt-status" data-status={receipt.status}>
        <ol className="steps" aria-label="Progress of the vote">
          {steps.map((s) => (
            <li key={s.key} className={s.state} aria-current={s.state === "current" ? "step" : undefined}>
              <span className="step-label">{stepMark[s.state]}{s.label}</span>
              <span className="small muted">{s.description}</span>
            </li>
          ))}
        </ol>
        <p><strong>{statusSentence(receipt.status)}</strong></p>
      </div>
      {error && <div className="alert warn"><p>Could not refresh the status: {error} Retrying.</p></div>}

      <section className="card" aria-labelledby="details-heading">
        <h2 id="details-heading" style={{ marginTop: 0 }}>Details</h2>
        <dl className="facts">
          <dt>Transaction id</dt>
          <dd className="mono">{receipt.transaction_id}</dd>
          <dt>Tracking code</dt>
          <dd className="mono">{receipt.ballot_hash}</dd>
          <dt>Election</dt>
          <dd data-testid="receipt-election"><Link href={`/elections/${receipt.election_id}`}>{title ?? `Election ${receipt.election_id}`}</Link></dd>
          <dt>Block</dt>
          <dd data-testid="receipt-block">
            {blockNumber === null || blockNumber === undefined ? "not yet" : (
              <Link href={`/explorer/blocks/${blockNumber}`}>#{blockNumber}</Link>
            )}
            {receipt.block_hash && <span className="mono small"> {shortHash(receipt.block_hash)}</span>}
          </dd>
          <dt>Position in block</dt>
          <dd>{receipt.tx_index ?? "—"}</dd>
          <dt>Proposed by</dt>
          <dd className="mono">{receipt.validator ?? block?.proposer ?? "—"}</dd>
          <dt>Block time</dt>
          <dd data-testid="receipt-block-time">{formatDateTime(block?.timestampMs ?? null)}</dd>
          <dt>Final since</dt>
          <dd>{formatDateTime(receipt.finalized_at ?? null)}</dd>
        </dl>
      </section>

      <section className="card" aria-labelledby="proof-heading">
        <h2 id="proof-heading" style={{ marginTop: 0 }}>Inclusion proof</h2>
        <p className="small muted">
          Your browser recomputes the block&apos;s transactions root from this transaction id and the Merkle path in the
          receipt (Keccak-256, RFC 6962 tree). If they agree, the vote is in that block.
        </p>
        <InclusionView result={inclusion} blockError={blockError} waiting={blockNumber === null || blockNumber === undefined} proofLength={receipt.merkle_proof?.length ?? null} />
      </section>
    </>
  );
}

function InclusionView({ result, blockError, waiting, proofLength }: { result: InclusionResult | null; blockError: string | null; waiting: boolean; proofLength: number | null }) {
  if (waiting) return <p data-testid="inclusion-result" data-state="waiting">The proof is checked once the vote is in a block.</p>;
  if (blockError) return <div className="alert error" data-testid="inclusion-result" data-state="error"><p>The block could not be loaded: {blockError}</p></div>;
  if (!result) return <p data-testid="inclusion-result" data-state="checking">Checking…</p>;
  if (result.state === "valid") {
    return (
      <div className="alert success" data-testid="inclusion-result" data-state="valid">
        <p><strong>✓ Verified in your browser:</strong> transaction {result.index + 1} of {result.count} in the block, {proofLength ?? 0} proof {proofLength === 1 ? "step" : "steps"}, leading to the transactions root <span className="mono">{shortHash(result.root)}</span>.</p>
      </div>
    );
  }
  if (result.state === "invalid") {
    return <div className="alert error" role="alert" data-testid="inclusion-result" data-state="invalid"><p><strong>✗ The inclusion proof does not hold.</strong> {result.reason}</p></div>;
  }
  return <p data-testid="inclusion-result" data-state="unavailable">{result.reason}</p>;
}
