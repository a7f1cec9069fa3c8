import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ResultsChart } from "@/components/results/results-chart";
import { ResultsTable } from "@/components/results/results-table";
import { ChainTallyCheck } from "@/components/results/chain-tally-check";
import { ProblemMessage } from "@/components/ui/problem-message";
import { ElectionStatusBadge } from "@/components/ui/status-badge";
import { ApiError, errorMessage } from "@/lib/api/client";
import type { Election, Results } from "@/lib/api/types";
import { formatDateTime, plural } from "@/lib/format";
import { serverApi } from "@/lib/server/session";

export const metadata: Metadata = { title: "Results" };

export default async function ResultsPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!/^\d+$/.test(id)) notFound();
  const api = await serverApi();
  let election: Election;
  try {
    election = await api.election(id);
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) notFound();
    return <ProblemMessage title="The election could not be loaded." message={errorMessage(e)} />;
  }
  let results: Results | null = null;
  let notYet = false;
  let loadError: string | null = null;
  try {
    results = await api.results(id);
  } catch (e) {
    if (e instanceof ApiError && e.status === 409) notYet = true;
    else loadError = errorMessage(e);
  }

  return (
    <>
      <p className="small"><Link href={`/elections/${election.id}`}>← {election.title}</Link></p>
      <div className="row">
        <h1 style={{ marginBottom: "0.5rem" }}>Results: {election.title}</h1>
        <ElectionStatusBadge status={election.status} />
      </div>
      {notYet && (
        <div className="alert info">
          <p>The results are not published yet. They appear here after the election closes and the official runs the tally.</p>
        </div>
      )}
      {loadError && <ProblemMessage title="The results could not be loaded." message={loadError} />}
      {results && (
        <>
          <p className="lead" data-testid="results-summary">
            {plural(results.total_ballots, "ballot")} counted{results.computed_at ? ` on ${formatDateTime(results.computed_at)}` : ""}.
          </p>
          <ResultsChart candidates={results.candidates} total={results.total_ballots} />
          <ResultsTable candidates={results.candidates} total={results.total_ballots} />
          <section aria-labelledby="verify-heading">
            <h2 id="verify-heading">Check the count yourself</h2>
            <p>
              No single ballot was decrypted: the encrypted ballots were added up and only the sums were decrypted, each with
              a proof.{results.tally_transaction && " Your browser can recompute the sums from the ballots on chain and check every proof, reading the chain from the validators rather than from this service."}
            </p>
            <p data-testid="tally-trustees">
              {election.external_guardians
                ? `Decrypted by guardians ${results.guardians.join(", ")}: ${election.quorum} of the election's ${election.guardians} guardians took part.`
                : "Decrypted by the server as the single trustee (demo)."}
              {results.tally_transaction && (
                <> The whole record is on chain in transaction <span className="mono">{results.tally_transaction}</span>: an auditor
                checks it, with the ceremony and every ballot, from the chain alone with{" "}
                <code>evoting tally verify --rpc URL --election-id {election.id}</code>.</>
              )}
            </p>
            {results.tally_transaction && <ChainTallyCheck election={election} results={results} />}
          </section>
        </>
      )}
    </>
  );
}
