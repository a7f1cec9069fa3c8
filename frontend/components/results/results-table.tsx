import type { CandidateCount } from "@/lib/api/types";
import { percent } from "@/lib/format";
import { TableWrap } from "@/components/ui/table-wrap";

export function ResultsTable({ candidates, total }: { candidates: CandidateCount[]; total: number }) {
  return (
    <TableWrap label="Votes per candidate">
      <table data-testid="results-table">
        <caption className="sr-only">Votes per candidate</caption>
        <thead>
          <tr>
            <th scope="col">Candidate</th>
            <th scope="col" className="num">Votes</th>
            <th scope="col" className="num">Share</th>
          </tr>
        </thead>
        <tbody>
          {candidates.map((c) => (
            <tr key={c.id}>
              <th scope="row" style={{ color: "inherit", fontSize: "1rem" }}>{c.name}</th>
              <td className="num" data-testid={`count-${c.id}`}>{c.count}</td>
              <td className="num">{percent(c.count, total)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">Ballots cast</th>
            <td className="num" data-testid="total-ballots">{total}</td>
            <td />
          </tr>
        </tfoot>
      </table>
    </TableWrap>
  );
}
