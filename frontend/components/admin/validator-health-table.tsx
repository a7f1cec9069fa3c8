import type { ValidatorHealth } from "@/lib/api/types";
import { TableWrap } from "@/components/ui/table-wrap";

export function ValidatorHealthTable({ validators }: { validators: ValidatorHealth[] }) {
  return (
    <TableWrap label="Validators' health">
      <table>
        <thead>
          <tr><th scope="col">Node</th><th scope="col">Endpoint</th><th scope="col">Reachable</th><th scope="col" className="num">Height</th><th scope="col" className="num">Peers</th><th scope="col" className="num">Lag</th></tr>
        </thead>
        <tbody>
          {validators.map((v, i) => (
            <tr key={v.node_id ?? v.endpoint ?? i}>
              <td>{v.node_id ?? v.address ?? `validator ${i + 1}`}</td>
              <td className="mono small">{v.endpoint ?? "—"}</td>
              <td>
                <span className={`badge ${v.reachable ? "ok" : "bad"}`}>{v.reachable ? "yes" : "no"}</span>
                {v.error && <span className="small muted"> {v.error}</span>}
              </td>
              <td className="num">{v.height ?? "—"}</td>
              <td className="num">{v.peers ?? "—"}</td>
              <td className="num">{v.lag === null || v.lag === undefined ? "—" : `${v.lag} blocks`}</td>
            </tr>
          ))}
          {validators.length === 0 && <tr><td colSpan={6} className="muted">No validators are registered.</td></tr>}
        </tbody>
      </table>
    </TableWrap>
  );
}
