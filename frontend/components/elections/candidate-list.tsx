import type { Candidate } from "@/lib/api/types";
import { ballotOrder } from "@/lib/voter-ballot";

/** The candidates, read-only (when the visitor cannot vote here). */
export function CandidateList({ candidates }: { candidates: Candidate[] }) {
  return (
    <ol className="stack" style={{ paddingLeft: "1.25rem" }}>
      {ballotOrder(candidates).map((c) => (
        <li key={c.id}>
          <strong>{c.name}</strong>
          {c.description && <span className="muted"> — {c.description}</span>}
        </li>
      ))}
    </ol>
  );
}
