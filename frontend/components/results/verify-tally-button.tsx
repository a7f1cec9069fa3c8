"use client";

import { useState } from "react";
import type { Election, Results } from "@/lib/api/types";
import { checkTally, type TallyCheck } from "@/lib/tally-check";

type ElectionKey = Pick<Election, "id" | "public_key" | "candidates" | "max_selections">;

export function VerifyTallyButton({ election, results }: { election: ElectionKey; results: Results }) {
  const [outcome, setOutcome] = useState<TallyCheck | null>(null);
  const [busy, setBusy] = useState(false);

  async function verify() {
    setBusy(true);
    setOutcome(null);
    await new Promise((r) => setTimeout(r, 30)); // let "Checking…" paint first
    setOutcome(checkTally(election, results));
    setBusy(false);
  }

  return (
    <div className="stack">
      <button type="button" onClick={verify} disabled={busy}>
        {busy ? "Checking…" : "Verify the decryption proofs in my browser"}
      </button>
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
