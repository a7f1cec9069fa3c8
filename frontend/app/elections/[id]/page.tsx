import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { BallotForm } from "@/components/elections/ballot-form";
import { CandidateList } from "@/components/elections/candidate-list";
import { EligibilityNote } from "@/components/elections/eligibility-note";
import { EnrolForm } from "@/components/elections/enrol-form";
import { VoteReceipt } from "@/components/elections/vote-receipt";
import { ProblemMessage } from "@/components/ui/problem-message";
import { ElectionStatusBadge } from "@/components/ui/status-badge";
import { ApiError, errorMessage } from "@/lib/api/client";
import type { Ceremony, Election, Receipt, VoteStatus } from "@/lib/api/types";
import { TrusteeNotice } from "@/components/elections/trustee-notice";
import { CeremonyProgress } from "@/components/elections/ceremony-progress";
import { formatDateTime } from "@/lib/format";
import { getSession, serverApi } from "@/lib/server/session";

type Props = { params: Promise<{ id: string }> };

export const metadata: Metadata = { title: "Election" };

export default async function ElectionPage({ params }: Props) {
  const { id } = await params;
  if (!/^\d+$/.test(id)) notFound();
  const api = await serverApi();
  const session = await getSession();

  let election: Election;
  try {
    election = await api.election(id);
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) notFound();
    return (
      <>
        <h1>Election</h1>
        <ProblemMessage title="The election could not be loaded." message={errorMessage(e)} />
      </>
    );
  }

  let status: VoteStatus | null = null;
  let receipt: Receipt | null = null;
  let statusError: string | null = null;
  if (session.user) {
    try {
      status = await api.voteStatus(election.id);
      if (status.has_voted && status.transaction_id) {
        receipt = await api.receipt(status.transaction_id).catch(() => null);
      }
    } catch (e) {
      statusError = errorMessage(e);
    }
  }
  const hasVoted = status?.has_voted ?? election.has_voted ?? false;
  // The guardians' progress, while it matters: before the election opens, and until the tally is published.
  let ceremony: Ceremony | null = null;
  if (election.external_guardians && election.status !== "tallied") {
    try {
      ceremony = await api.ceremony(election.id);
    } catch {
      ceremony = null;
    }
  }
  const here = `/elections/${election.id}`;
  // In a roll election only enrolled accounts may cast (the API answers 403 otherwise).
  const mayVote = election.eligibility === "open" || election.enrolled;

  return (
    <>
      <p className="small"><Link href="/">← All elections</Link></p>
      <div className="row">
        <h1 style={{ marginBottom: "0.5rem" }}>{election.title}</h1>
        <ElectionStatusBadge status={election.status} />
      </div>
      {election.description && <p className="lead">{election.description}</p>}
      <p className="small muted">
        Voting from {formatDateTime(election.starts_at)} to {formatDateTime(election.ends_at)}.
      </p>
      <TrusteeNotice election={election} />
      {ceremony && <CeremonyProgress ceremony={ceremony} />}

      <EligibilityNote election={election} />

      {statusError && <ProblemMessage title="Your voting status could not be checked." message={statusError} />}

      {election.status === "open" && !session.user && (
        <>
          <div className="alert info">
            <p>
              <Link href={`/login?next=${encodeURIComponent(here)}`}>Log in</Link> or{" "}
              <Link href={`/register?next=${encodeURIComponent(here)}`}>create an account</Link> to vote.
            </p>
          </div>
          <h2>Candidates</h2>
          <CandidateList candidates={election.candidates} />
        </>
      )}

      {election.status === "open" && session.user && hasVoted && (
        <>
          <div className="alert success" role="status" data-testid="already-voted">
            <p><strong>You have voted in this election.</strong> Each voter votes once; your receipt is below.</p>
          </div>
          {status?.transaction_id ? (
            <VoteReceipt
              heading="Your receipt"
              receipt={{
                transactionId: status.transaction_id,
                trackingCode: receipt?.ballot_hash ?? "—",
                status: receipt?.status ?? null,
                submittedAt: receipt?.submitted_at ?? null,
              }}
            />
          ) : (
            <p className="muted">The receipt is not available right now.</p>
          )}
        </>
      )}

      {election.status === "open" && session.user && !hasVoted && !statusError && mayVote && (
        <>
          <h2>Your ballot</h2>
          <BallotForm election={election} />
        </>
      )}

      {(election.status === "open" || election.status === "draft") && session.user && !hasVoted && !mayVote && (
        <>
          <EnrolForm electionTitle={election.title} />
          {election.status === "open" && (
            <>
              <h2>Candidates</h2>
              <CandidateList candidates={election.candidates} />
            </>
          )}
        </>
      )}

      {election.status !== "open" && (
        <>
          <div className="alert info">
            <p>
              {election.status === "draft" && "This election is not open for voting yet."}
              {election.status === "closed" && "Voting has closed. The results are published after the tally."}
              {election.status === "tallied" && (
                <>Voting has closed and the results are published. <Link href={`${here}/results`}>See the results</Link>.</>
              )}
            </p>
          </div>
          <h2>Candidates</h2>
          <CandidateList candidates={election.candidates} />
        </>
      )}

      <details className="card" style={{ marginTop: "1.5rem" }}>
        <summary>For auditors: the election key</summary>
        <dl className="facts" style={{ marginTop: "0.75rem" }}>
          <dt>Election id</dt>
          <dd>{election.id}</dd>
          <dt>Public key</dt>
          <dd className="mono">{election.public_key}</dd>
          <dt>Election hash</dt>
          <dd className="mono">{election.election_hash}</dd>
          <dt>Choices per ballot</dt>
          <dd>at most {election.max_selections}</dd>
          <dt>Checked ballots</dt>
          <dd>
            <a href={`/api/elections/${election.id}/spoiled`}>the public list of spoiled ballots</a> (JSON; check it with{" "}
            <span className="mono">evoting ballot audit</span>)
          </dd>
        </dl>
      </details>
    </>
  );
}
