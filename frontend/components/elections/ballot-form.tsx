"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { ApiError, browserApi, errorMessage } from "@/lib/api/client";
import type { Election, SubmitVoteResult } from "@/lib/api/types";
import { challengedBallot } from "@/lib/ballot-challenge";
import { ballotOrder, selectionProblem } from "@/lib/voter-ballot";
import { cryptoClient } from "@/lib/crypto-worker/browser";
import type { PreparedBallot, Progress } from "@/lib/crypto-worker/protocol";
import { WorkProgress } from "@/components/ui/work-progress";
import { ChallengeResult, type ChallengeOutcome } from "./challenge-result";
import { VoteReceipt } from "./vote-receipt";

type Phase = "idle" | "encrypting" | "checking" | "ready" | "challenging" | "sending" | "done" | "failed";

const steps: { phase: Phase; label: string }[] = [
  { phase: "encrypting", label: "Encrypting your choice and proving it is a valid ballot" },
  { phase: "checking", label: "Checking the proofs in your browser" },
  { phase: "ready", label: "Ready: cast it, or check it first" },
  { phase: "sending", label: "Sending the encrypted ballot" },
  { phase: "done", label: "Recorded" },
];

type BallotElection = Pick<Election, "id" | "title" | "public_key" | "election_hash" | "candidates" | "max_selections">;

/**
 * The ballot: the browser encrypts the choice and shows the encrypted ballot's tracking code; only then does the voter
 * cast it, or check it instead (Benaloh's cast-or-challenge, docs/trustees.md#ballot-challenge). The browser cannot know
 * which it will be when it encrypts, so every check that passes is evidence the cast ballot is honest too.
 */
export function BallotForm({ election }: { election: BallotElection }) {
  const router = useRouter();
  const [chosen, setChosen] = useState<number[]>([]);
  const [phase, setPhase] = useState<Phase>("idle");
  const [progress, setProgress] = useState<Progress | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [alreadyVoted, setAlreadyVoted] = useState(false);
  const [prepared, setPrepared] = useState<{ ballot: PreparedBallot; chosenIds: number[] } | null>(null);
  const [challenge, setChallenge] = useState<ChallengeOutcome | null>(null);
  const [result, setResult] = useState<{ submit: SubmitVoteResult; localCode: string } | null>(null);
  const errorRef = useRef<HTMLDivElement>(null);
  const readyRef = useRef<HTMLHeadingElement>(null);
  const single = election.max_selections === 1;
  const busy = phase === "encrypting" || phase === "checking" || phase === "challenging" || phase === "sending";

  // The encrypted ballot takes the focus once it is on the page: an effect runs after React has
  // committed it, where a timeout set beside the state change could run first and find no heading.
  useEffect(() => {
    if (phase === "ready") readyRef.current?.focus();
  }, [phase, prepared]);

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

  function failRequest(e: unknown, doing: string) {
    if (e instanceof ApiError && e.status === 409) setAlreadyVoted(/already/i.test(e.message));
    if (e instanceof ApiError && e.status === 401) fail("Your session has expired. Log in again to vote.");
    else fail(e instanceof ApiError ? e.message : `${doing}: ${errorMessage(e)}`);
  }

  /** Encrypts (always with fresh nonces) and waits for the voter's decision; false when it failed. */
  async function encrypt(chosenIds: number[]): Promise<boolean> {
    setPhase("encrypting");
    setProgress(null);
    // Encrypting and proving take seconds on a slow phone: the worker does it, so this page
    // keeps painting and answering while it reports each proof.
    const ballot = await cryptoClient().run({ kind: "prepareBallot", election, chosenIds }, (p) => {
      setPhase(p.phase === "checking" ? "checking" : "encrypting");
      setProgress(p);
    });
    setProgress(null);
    if (ballot.invalid !== null) {
      fail(`Your browser produced a ballot whose proofs do not verify (${ballot.invalid}), so it was not sent. Reload the page and try again.`);
      return false;
    }
    setPrepared({ ballot, chosenIds });
    setPhase("ready");
    return true;
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
    setChallenge(null);
    try {
      await encrypt(chosen);
    } catch (e) {
      fail(`The ballot could not be prepared: ${errorMessage(e)}`);
    }
  }

  async function cast() {
    if (!prepared || busy) return;
    setError(null);
    try {
      setPhase("sending");
      const submit = await browserApi().submitVote(election.id, prepared.ballot.ballot);
      setResult({ submit, localCode: prepared.ballot.trackingCode });
      setPhase("done");
    } catch (e) {
      failRequest(e, "The ballot could not be sent");
    }
  }

  /** Reveals this encryption's nonces, checks them, publishes the spoiled ballot, then encrypts the same choice afresh. */
  async function check() {
    if (!prepared || busy) return;
    const { ballot, chosenIds } = prepared;
    // From here on this encryption is spoiled: it is never offered for casting again.
    setPrepared(null);
    setError(null);
    setPhase("challenging");
    const challenged = challengedBallot(election.id, ballot);
    const names = ballotOrder(election.candidates).filter((_, i) => ballot.selections[i] === 1).map((c) => c.name);
    try {
      const verdict = await cryptoClient().run({ kind: "checkChallenge", election, challenged, chosenIds }, setProgress);
      setProgress(null);
      const outcome: ChallengeOutcome = { trackingCode: ballot.trackingCode, challenged, revealed: names, check: verdict, published: null };
      setChallenge(outcome);
      if (!verdict.matches) {
        // Evidence against this browser: the API would refuse it anyway, and nothing from here should be cast.
        setPhase("idle");
        return;
      }
      const published = await browserApi().postSpoiledBallot(election.id, challenged)
        .then((): ChallengeOutcome["published"] => "posted", (e: unknown) => ({ error: errorMessage(e) }));
      setChallenge({ ...outcome, published });
      await encrypt(chosenIds);
    } catch (e) {
      fail(`The check could not be completed: ${errorMessage(e)}`);
    }
  }

  function changeChoice() {
    setPrepared(null);
    setPhase("idle");
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
  const showSteps = phase === "encrypting" || phase === "checking" || phase === "sending" || phase === "done";
  return (
    <form onSubmit={onSubmit} noValidate aria-describedby="ballot-help">
      <fieldset disabled={busy || phase === "ready"}>
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

      {challenge && <ChallengeResult election={election} outcome={challenge} />}

      {showSteps && (
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

      {phase === "challenging" && (
        <div aria-live="polite" className="card">
          <p>Checking that the encrypted ballot opens to your choice …</p>
          <WorkProgress progress={progress} />
        </div>
      )}

      {phase === "ready" && prepared && (
        <section className="card stack" aria-labelledby="ready-heading" data-testid="encrypted-ballot">
          <h3 id="ready-heading" tabIndex={-1} ref={readyRef} style={{ marginTop: 0 }}>Your encrypted ballot is ready</h3>
          <p className="small">
            Tracking code <span className="mono" data-testid="ready-tracking-code">{prepared.ballot.trackingCode}</span>
          </p>
          <p className="small muted">
            You can cast it now, or first check that it really encrypts your choice. A checked ballot is opened and
            published, so it is never counted; your browser then encrypts your choice again, and you can cast that one.
          </p>
          <p className="row">
            <button type="button" onClick={cast}>Cast this ballot</button>
            <button type="button" className="secondary" onClick={check}>Check this encryption</button>
            <button type="button" className="secondary" onClick={changeChoice}>Change my choice</button>
          </p>
        </section>
      )}

      {phase !== "ready" && phase !== "done" && (
        <button type="submit" disabled={busy}>{busy ? "Working…" : "Encrypt my choice"}</button>
      )}
    </form>
  );
}
