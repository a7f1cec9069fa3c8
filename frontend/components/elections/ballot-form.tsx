"use client";

import { useRouter } from "next/navigation";
import { useRef, useState, type FormEvent } from "react";
import { ApiError, browserApi, errorMessage } from "@/lib/api/client";
import type { Election, SubmitVoteResult } from "@/lib/api/types";
import { ballotOrder, selectionProblem } from "@/lib/voter-ballot";
import { cryptoClient } from "@/lib/crypto-worker/browser";
import type { Progress } from "@/lib/crypto-worker/protocol";
import { WorkProgress } from "@/components/ui/work-progress";
import { VoteReceipt } from "./vote-receipt";

type Phase = "idle" | "encrypting" | "checking" | "sending" | "done" | "failed";

const steps: { phase: Phase; label: string }[] = [
  { phase: "encrypting", label: "Encrypting your choice and proving it is a valid ballot" },
  { phase: "checking", label: "Checking the proofs in your browser" },
  { phase: "sending", label: "Sending the encrypted ballot" },
  { phase: "done", label: "Recorded" },
];

type BallotElection = Pick<Election, "id" | "title" | "public_key" | "election_hash" | "candidates" | "max_selections">;

export function BallotForm({ election }: { election: BallotElection }) {
  const router = useRouter();
  const [chosen, setChosen] = useState<number[]>([]);
  const [phase, setPhase] = useState<Phase>("idle");
  const [progress, setProgress] = useState<Progress | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [alreadyVoted, setAlreadyVoted] = useState(false);
  const [result, setResult] = useState<{ submit: SubmitVoteResult; localCode: string } | null>(null);
  const errorRef = useRef<HTMLDivElement>(null);
  const single = election.max_selections === 1;
  const busy = phase === "encrypting" || phase === "checking" || phase === "sending";

  function toggle(id: number, checked: boolean) {
    setError(null);
    if (single) setChosen(checked ? [id] : []);
    else setChosen((prev) => (checked ? [...prev.filter((x) => x !== id), id] : prev.filter((x) => x !== id)));
  }

  function fail(message: string) {
    setError(message);
    setProgress(null);
    setPhase("failed");
    setTimeout(() => errorRef.current?.focus(), 0);
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const problem = selectionProblem(chosen.length, election.max_selections);
    if (problem) {
      fail(problem);
      return;
    }
    setError(null);
    try {
      setPhase("encrypting");
      setProgress(null);
      // Encrypting and proving take seconds on a slow phone: the worker does it, so this page
      // keeps painting and answering while it reports each proof.
      const encrypted = await cryptoClient().run({ kind: "prepareBallot", election, chosenIds: chosen }, (p) => {
        setPhase(p.phase === "checking" ? "checking" : "encrypting");
        setProgress(p);
      });
      setProgress(null);
      if (encrypted.invalid !== null) {
        fail(`Your browser produced a ballot whose proofs do not verify (${encrypted.invalid}), so it was not sent. Reload the page and try again.`);
        return;
      }
      setPhase("sending");
      const submit = await browserApi().submitVote(election.id, encrypted.ballot);
      setResult({ submit, localCode: encrypted.trackingCode });
      setPhase("done");
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) setAlreadyVoted(/already/i.test(e.message));
      if (e instanceof ApiError && e.status === 401) {
        fail("Your session has expired. Log in again to vote.");
        return;
      }
      fail(e instanceof ApiError ? e.message : `The ballot could not be prepared: ${errorMessage(e)}`);
    }
  }

  if (result) {
    return (
      <>
        <div className="alert success" role="status">
          <p><strong>Thank you. Your vote was recorded.</strong></p>
        </div>
        <VoteReceipt
          receipt={{
            transactionId: result.submit.transaction_id,
            trackingCode: result.submit.ballot_hash,
            submittedAt: result.submit.timestamp,
            localTrackingCode: result.localCode,
          }}
        />
      </>
    );
  }

  const currentIndex = steps.findIndex((s) => s.phase === phase);
  return (
    <form onSubmit={onSubmit} noValidate aria-describedby="ballot-help">
      <fieldset disabled={busy}>
        <legend>{single ? "Choose one candidate" : `Choose up to ${election.max_selections} candidates`}</legend>
        <p id="ballot-help" className="small muted" style={{ marginTop: 0 }}>
          Your choice is encrypted in this browser before it is sent. Nobody, including the election officials, can see it.
        </p>
        {ballotOrder(election.candidates).map((c) => (
          <label key={c.id} className="choice">
            <input
              type={single ? "radio" : "checkbox"}
              name="candidate"
              value={c.id}
              checked={chosen.includes(c.id)}
              onChange={(e) => toggle(c.id, e.currentTarget.checked)}
            />
            <span>
              <span className="name">{c.name}</span>
              {c.description && <span className="small muted">{c.description}</span>}
            </span>
          </label>
        ))}
      </fieldset>

      {error && (
        <div className="alert error" role="alert" tabIndex={-1} ref={errorRef} data-testid="vote-error">
          <p>{error}</p>
          {alreadyVoted && (
            <p>
              <button type="button" className="secondary" onClick={() => router.refresh()}>Show my receipt</button>
            </p>
          )}
        </div>
      )}

      {phase !== "idle" && phase !== "failed" && (
        <div aria-live="polite" className="card">
          <ol className="progress">
            {steps.map((s, i) => (
              <li key={s.phase} className={i < currentIndex ? "done" : i === currentIndex ? "active" : undefined}>
                {s.label}
                {i < currentIndex ? " — done" : i === currentIndex && s.phase !== "done" ? " …" : ""}
              </li>
            ))}
          </ol>
          <WorkProgress progress={busy ? progress : null} />
        </div>
      )}

      <button type="submit" disabled={busy}>{busy ? "Working…" : "Encrypt and cast my vote"}</button>
    </form>
  );
}
