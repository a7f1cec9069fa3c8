"use client";

import { useState } from "react";
import type { Results } from "@/lib/api/types";
import type { ElectionKey } from "@/lib/voter-ballot";
import type { TallyCheck } from "@/lib/tally-check";
import { cryptoClient } from "@/lib/crypto-worker/browser";
import type { Progress } from "@/lib/crypto-worker/protocol";
import { WorkProgress } from "@/components/ui/work-progress";


export function VerifyTallyButton({ election, results }: { election: ElectionKey; results: Results }) {
  const [outcome, setOutcome] = useState<TallyCheck | null>(null);
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<Progress | null>(null);

  async function verify() {
    setBusy(true);
    setOutcome(null);
    setProgress(null);
    try {
      // One proof per candidate, checked in the worker so the page stays responsive.
      setOutcome(await cryptoClient().run({ kind: "checkTally", election, results }, setProgress));
    } catch (e) {
      setOutcome({ ok: false, candidates: election.candidates.length, problem: e instanceof Error ? e.message : String(e) });
    } finally {
      setBusy(false);
      setProgress(null);
    }
  }

  return (
    <div className="stack">
      <button type="button" onClick={verify} disabled={busy}>
        {busy ? "Checking…" : "Verify the decryption proofs in my browser"}
      </button>
      <WorkProgress progress={busy ? progress : null} />
      <div aria-live="polite" data-testid="tally-verification" data-state={outcome === null ? "none" : outcome.ok ? "valid" : "invalid"}>
        {outcome?.ok && (
          <div className="alert success">
            <p><strong>✓ All {outcome.candidates} decryption proofs hold.</strong> Each count was decrypted with the election&apos;s key from the sum of the encrypted ballots, checked here without trusting the server.</p>
          </div>
        )}
        {outcome && !outcome.ok && (
          <div className="alert error" role="alert">
            <p><strong>✗ The published tally does not verify.</strong></p>
            {outcome.problem && <p>{outcome.problem}</p>}
          </div>
        )}
      </div>
    </div>
  );
}
