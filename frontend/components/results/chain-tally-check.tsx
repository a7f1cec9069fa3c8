"use client";

import { useState } from "react";
import type { Results } from "@/lib/api/types";
import { proxyRpc, readChainElection } from "@/lib/chain/chain-reader";
import type { ChainTallyCheck as Check } from "@/lib/chain/chain-tally";
import { cryptoClient } from "@/lib/crypto-worker/browser";
import type { Progress } from "@/lib/crypto-worker/protocol";
import { plural } from "@/lib/format";
import { WorkProgress } from "@/components/ui/work-progress";

type Outcome = Check | { ok: false; problem: string; blocksRead?: undefined };

/** The election as this check needs it: its id and each candidate's ballot position. */
export interface ElectionPositions {
  id: number;
  candidates: { id: number; position: number }[];
}

/** The counts the page shows, in ballot order (the chain's order), to be compared with election_tally's. */
export function shownCounts(election: ElectionPositions, results: Pick<Results, "candidates">): number[] {
  const position = new Map(election.candidates.map((c) => [c.id, c.position]));
  return [...results.candidates].sort((a, b) => (position.get(a.id) ?? 0) - (position.get(b.id) ?? 0)).map((c) => c.count);
}

/**
 * Recomputes the tally from the chain, not from the API: every block read through the validators' JSON-RPC (this
 * site's read-only /chain-rpc proxy), the final ballots summed and election_tally checked in the crypto worker.
 */
export function ChainTallyCheck({ election, results }: { election: ElectionPositions; results: Pick<Results, "candidates"> }) {
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<Progress | null>(null);

  async function verify() {
    setBusy(true);
    setOutcome(null);
    setProgress(null);
    try {
      const chain = await readChainElection(election.id, proxyRpc(), (done, total) => setProgress({ phase: "reading", done, total }));
      setOutcome(await cryptoClient().run({ kind: "checkChainTally", chain, shownCounts: shownCounts(election, results) }, setProgress));
    } catch (e) {
      setOutcome({ ok: false, problem: e instanceof Error ? e.message : String(e) });
    } finally {
      setBusy(false);
      setProgress(null);
    }
  }

  return (
    <div className="stack">
      <button type="button" onClick={verify} disabled={busy}>
        {busy ? "Checking…" : "Recompute the tally from the chain in my browser"}
      </button>
      <WorkProgress progress={busy ? progress : null} />
      <div aria-live="polite" data-testid="tally-verification" data-state={outcome === null ? "none" : outcome.ok ? "valid" : "invalid"}>
        {outcome?.ok && (
          <div className="alert success">
            <p><strong>✓ The tally on chain verifies, recomputed from {plural(outcome.ballots, "final ballot")}.</strong></p>
            <CheckedList check={outcome} />
          </div>
        )}
        {outcome && !outcome.ok && (
          <div className="alert error" role="alert">
            <p><strong>✗ The tally does not verify against the chain.</strong></p>
            <p data-testid="tally-problem">{outcome.problem}</p>
            {outcome.blocksRead !== undefined && <CheckedList check={outcome} />}
          </div>
        )}
      </div>
    </div>
  );
}

/** What was read and checked, so the voter knows exactly what the tick (or the cross) covers. */
function CheckedList({ check }: { check: Check }) {
  return (
    <ul className="small" data-testid="tally-checked">
      <li>Read {plural(check.blocksRead, "final block")} (0 to {Math.max(0, check.blocksRead - 1)}) from {check.validators.length > 1 ? "validators" : "validator"} {check.validators.join(", ")} through JSON-RPC, not from the voting service.</li>
      <li>Summed the encrypted choices of {plural(check.ballots, "final ballot")} for each of the {plural(check.candidates, "candidate")} and compared the sums with the aggregate in election_tally{check.tallyTransaction ? <> (<span className="mono">{check.tallyTransaction}</span>)</> : null}.</li>
      {check.ceremonyProofs > 0 && <li>Verified the key ceremony in election_open: {plural(check.ceremonyProofs, "coefficient proof")} of {plural(check.guardians, "guardian")}, quorum {check.quorum}, and the election key.</li>}
      {check.decryptionProofs > 0 && <li>Verified {plural(check.decryptionProofs, "partial decryption proof")} ({check.set.length === 1 ? "guardian" : "guardians"} {check.set.join(", ")}), their Lagrange combination and T·K = B − D for every count: {check.counts.join(", ")}.</li>}
      <li>Not checked here: the blocks&apos; signatures and each ballot&apos;s own proofs (the validators check those before a block is final; <code>evoting verify --rpc</code> re-checks them).</li>
    </ul>
  );
}
