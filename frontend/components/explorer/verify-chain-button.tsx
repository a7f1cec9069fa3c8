"use client";

import { useState } from "react";
import { browserApi, errorMessage } from "@/lib/api/client";
import type { ChainVerification } from "@/lib/api/types";

/** Asks the API to recompute every hash, link, signature, certificate, root and ballot proof. */
export function VerifyChainButton() {
  const [result, setResult] = useState<ChainVerification | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function run() {
    setBusy(true);
    setError(null);
    try {
      setResult(await browserApi().verifyChain());
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }
  return (
    <div className="stack">
      <button type="button" className="secondary" onClick={run} disabled={busy}>{busy ? "Verifying the chain…" : "Verify the whole chain"}</button>
      <div aria-live="polite">
        {error && <div className="alert error" role="alert"><p>{error}</p></div>}
        {result && result.chain_valid && (
          <div className="alert success"><p>✓ The chain is valid: {result.checked_blocks} blocks checked (hashes, links, signatures, certificates, transaction roots, ballot proofs).</p></div>
        )}
        {result && !result.chain_valid && (
          <div className="alert error" role="alert">
            <p><strong>✗ The chain check failed</strong> after {result.checked_blocks} blocks:</p>
            <ul>{result.errors.map((e, i) => <li key={i}>{e}</li>)}</ul>
          </div>
        )}
      </div>
    </div>
  );
}
