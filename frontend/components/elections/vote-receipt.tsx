import Link from "next/link";
import { formatDateTime } from "@/lib/format";

export interface VoteReceiptData {
  transactionId: string;
  trackingCode: string;
  submittedAt?: string | null;
  status?: string | null;
  localTrackingCode?: string | null;
}

/** The receipt a voter keeps: enough to find and check the vote later, nothing about the choice. */
export function VoteReceipt({ receipt, heading = "Your receipt" }: { receipt: VoteReceiptData; heading?: string }) {
  const matches =
    receipt.localTrackingCode === undefined || receipt.localTrackingCode === null
      ? null
      : receipt.localTrackingCode.replace(/^0x/, "").toLowerCase() === receipt.trackingCode.replace(/^0x/, "").toLowerCase();
  return (
    <section className="card stack" aria-labelledby="receipt-heading" data-testid="vote-receipt">
      <h2 id="receipt-heading" style={{ marginTop: 0 }}>{heading}</h2>
      <dl className="facts">
        <dt>Transaction id</dt>
        <dd className="mono" data-testid="receipt-tx">{receipt.transactionId}</dd>
        <dt>Tracking code</dt>
        <dd className="mono" data-testid="receipt-tracking-code">{receipt.trackingCode}</dd>
        {receipt.submittedAt && (
          <>
            <dt>Submitted</dt>
            <dd>{formatDateTime(receipt.submittedAt)}</dd>
          </>
        )}
        {receipt.status && (
          <>
            <dt>Status</dt>
            <dd>{receipt.status}</dd>
          </>
        )}
      </dl>
      {matches === true && (
        <p className="small">The tracking code matches the one your browser computed from your encrypted ballot.</p>
      )}
      {matches === false && (
        <div className="alert warn" role="alert">
          <p>The tracking code from the server differs from the one your browser computed. Keep both and report this.</p>
        </div>
      )}
      <p className="small muted">
        Keep the transaction id. Anyone can use it to check that your vote is on the chain; it does not reveal your choice.
      </p>
      <p>
        <Link className="button" href={`/receipt/${receipt.transactionId}`}>Follow your vote</Link>
      </p>
    </section>
  );
}
