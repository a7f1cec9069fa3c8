import Link from "next/link";
import { ElectionCard } from "@/components/elections/election-card";
import { TrackForm } from "@/components/receipt/track-form";
import { ProblemMessage } from "@/components/ui/problem-message";
import { errorMessage } from "@/lib/api/client";
import type { ElectionSummary } from "@/lib/api/types";
import { getSession, serverApi } from "@/lib/server/session";

export default async function HomePage() {
  const api = await serverApi();
  const session = await getSession();
  let elections: ElectionSummary[] = [];
  let loadError: string | null = null;
  try {
    elections = await api.elections();
  } catch (e) {
    loadError = errorMessage(e);
  }
  const open = elections.filter((e) => e.status === "open");
  const past = elections.filter((e) => e.status === "closed" || e.status === "tallied");

  return (
    <>
      <h1>Elections</h1>
      <p className="lead">
        Vote with a ballot encrypted in your browser, get a receipt, and follow your vote onto the blockchain.
      </p>

      {!session.user && (
        <div className="alert info">
          <p>
            To vote, <Link href="/register">create an account</Link> or <Link href="/login">log in</Link>.
            Anyone can <Link href="/explorer">explore the chain</Link> and check published results.
          </p>
        </div>
      )}

      {loadError && <ProblemMessage title="The elections could not be loaded." message={loadError} />}

      <section aria-labelledby="open-heading">
        <h2 id="open-heading">Open now</h2>
        {!loadError && open.length === 0 && <p className="muted">No election is open for voting right now.</p>}
        <div className="grid">{open.map((e) => <ElectionCard key={e.id} election={e} />)}</div>
      </section>

      {past.length > 0 && (
        <section aria-labelledby="past-heading">
          <h2 id="past-heading">Closed and counted</h2>
          <div className="grid">{past.map((e) => <ElectionCard key={e.id} election={e} />)}</div>
        </section>
      )}

      <section aria-labelledby="track-heading">
        <h2 id="track-heading">Track a vote</h2>
        <p>Have a receipt? Enter its transaction id to see whether the vote is final and check its inclusion proof.</p>
        <TrackForm />
      </section>
    </>
  );
}
