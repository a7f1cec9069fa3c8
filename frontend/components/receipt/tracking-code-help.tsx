import Link from "next/link";

/**
 * The receipt's codes in plain words, and how to find the vote on the chain without this website
 * (docs/frontend.md#receipt-page): the explorer, or any validator's JSON-RPC.
 */
export function TrackingCodeHelp({ txHash }: { txHash: string }) {
  const request = JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_getTransactionByHash", params: [txHash] });
  return (
    <section className="card stack" aria-labelledby="codes-heading" data-testid="tracking-code-help">
      <h2 id="codes-heading" style={{ marginTop: 0 }}>What these codes mean</h2>
      <dl className="facts">
        <dt>Tracking code</dt>
        <dd>
          A fingerprint (SHA-256) of your encrypted ballot and of the election. Your browser computed it before sending the
          ballot, so it shows that the ballot on the chain is the one your browser made. It says nothing about your choice.
        </dd>
        <dt>Transaction id</dt>
        <dd>
          The name of the transaction that carries your encrypted ballot on the chain. Anyone can look it up; it does not
          say who you are or how you voted.
        </dd>
      </dl>
      <p>
        <strong>Find your ballot on the chain.</strong> Open this transaction in the{" "}
        <Link href={`/explorer/tx/${txHash}`}>block explorer</Link>; once it is final, its block is listed there too.
        To check without this website, ask any validator of the election directly, for example with:
      </p>
      <pre className="mono small" style={{ whiteSpace: "pre-wrap" }} data-testid="rpc-lookup">{`curl -s -H 'content-type: application/json' -d '${request}' VALIDATOR/rpc`}</pre>
      <p className="small muted">
        Replace VALIDATOR with a validator&apos;s address, which the election officials publish. Its answer is the
        transaction: <span className="mono">ballot_hash</span> is your tracking code (with 0x in front), and{" "}
        <span className="mono">blockNumber</span> is the block that holds it (null while it is waiting for a block).
      </p>
    </section>
  );
}
