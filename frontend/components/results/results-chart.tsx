import type { CandidateCount } from "@/lib/api/types";
import { percent } from "@/lib/format";

/**
 * Horizontal bars in plain HTML/CSS, so labels keep their size on a phone. The bars are
 * decoration (aria-hidden); the table below carries the same numbers for screen readers.
 */
export function ResultsChart({ candidates, total }: { candidates: CandidateCount[]; total: number }) {
  const max = Math.max(1, ...candidates.map((c) => c.count));
  const top = Math.max(...candidates.map((c) => c.count));
  return (
    <figure className="chart card" style={{ margin: "0 0 1rem" }} aria-hidden="true">
      <ul>
        {candidates.map((c) => (
          <li key={c.id}>
            <div className="bar-label">
              <span>{c.name}</span>
              <span>{c.count} · {percent(c.count, total)}</span>
            </div>
            <div className="bar-track">
              <div className={`bar${c.count === top && top > 0 ? " lead-bar" : ""}`} style={{ width: `${(100 * c.count) / max}%` }} />
            </div>
          </li>
        ))}
      </ul>
      <figcaption className="small muted">Votes per candidate, out of {total} ballots.</figcaption>
    </figure>
  );
}
