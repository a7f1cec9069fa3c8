import Link from "next/link";
import type { ElectionSummary } from "@/lib/api/types";
import { formatDateTime } from "@/lib/format";
import { ElectionStatusBadge } from "@/components/ui/status-badge";

export function ElectionCard({ election }: { election: ElectionSummary }) {
  const canSeeResults = election.status === "tallied";
  return (
    <article className="card stack" aria-labelledby={`election-${election.id}-title`}>
      <div className="row">
        <h3 id={`election-${election.id}-title`} style={{ margin: 0 }}>
          <Link href={`/elections/${election.id}`}>{election.title}</Link>
        </h3>
        <ElectionStatusBadge status={election.status} />
      </div>
      {election.description && <p style={{ margin: 0 }}>{election.description}</p>}
      <p className="small muted" style={{ margin: 0 }}>
        {formatDateTime(election.starts_at)} – {formatDateTime(election.ends_at)}
      </p>
      <p className="row" style={{ margin: 0 }}>
        {election.status === "open" && <Link className="button" href={`/elections/${election.id}`}>Vote in {election.title}</Link>}
        {canSeeResults && <Link className="button secondary" href={`/elections/${election.id}/results`}>See the results</Link>}
        {!canSeeResults && election.status !== "open" && <Link href={`/elections/${election.id}`}>Details</Link>}
      </p>
    </article>
  );
}
