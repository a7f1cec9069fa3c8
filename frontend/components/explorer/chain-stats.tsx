import type { ChainStats } from "@/lib/api/types";
import { formatDuration, shortHash } from "@/lib/format";
import { TableWrap } from "@/components/ui/table-wrap";

export function ChainStatsView({ stats }: { stats: ChainStats }) {
  // After an API restart on a long chain, or under a heavy vote load, the API's audit trails the chain
  // (a block or two behind is only the moment between the audit and the validators' heights).
  const catchingUp = stats.finalized_height - stats.verified_height > 2;
  return (
    <>
      <div className="stats" data-testid="chain-stats">
        <div className="card"><span className="stat">{stats.total_blocks}</span><span className="muted small">blocks</span></div>
        <div className="card"><span className="stat">{stats.finalized_height}</span><span className="muted small">finalized height</span></div>
        <div className="card">
          <span className="stat">{stats.total_votes}</span>
          <span className="muted small">{catchingUp ? `votes verified (to block ${stats.verified_height})` : "votes on chain"}</span>
        </div>
        <div className="card"><span className="stat">{formatDuration(stats.avg_block_time_ms ?? null)}</span><span className="muted small">average block time</span></div>
        <div className="card">
          <span className="stat">{stats.chain_valid ? "✓ valid" : "✗ invalid"}</span>
          <span className="muted small" data-testid="chain-check-scope">
            {catchingUp ? `chain check: verified to block ${stats.verified_height}, catching up` : "chain check"}
          </span>
        </div>
      </div>
      <h2>Validators</h2>
      <TableWrap label="Validators">
        <table>
          <thead>
            <tr><th scope="col">Node</th><th scope="col">Address</th><th scope="col">Health</th><th scope="col" className="num">Height</th></tr>
          </thead>
          <tbody>
            {stats.validators.map((v) => (
              <tr key={v.node_id || v.address}>
                <td>{v.node_id}</td>
                <td className="mono" title={v.address ?? undefined}>{shortHash(v.address, 8)}</td>
                <td><span className={`badge ${v.healthy ? "ok" : "bad"}`}>{v.healthy ? "healthy" : "unhealthy"}</span></td>
                <td className="num">{v.height ?? "—"}</td>
              </tr>
            ))}
            {stats.validators.length === 0 && <tr><td colSpan={4} className="muted">No validators reported.</td></tr>}
          </tbody>
        </table>
      </TableWrap>
    </>
  );
}
