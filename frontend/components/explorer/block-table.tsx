import Link from "next/link";
import type { BlockView } from "@/lib/api/blocks";
import { formatDateTime, shortHash } from "@/lib/format";
import { FinalityBadge } from "./finality-badge";
import { TableWrap } from "@/components/ui/table-wrap";

export function BlockTable({ blocks }: { blocks: BlockView[] }) {
  return (
    <TableWrap label="Latest blocks">
      <table data-testid="block-table">
        <caption className="sr-only">Latest blocks, newest first</caption>
        <thead>
          <tr>
            <th scope="col" className="num">Block</th>
            <th scope="col">Hash</th>
            <th scope="col">Proposer</th>
            <th scope="col" className="num">Txs</th>
            <th scope="col">Finality</th>
            <th scope="col">Time</th>
          </tr>
        </thead>
        <tbody>
          {blocks.map((b) => (
            <tr key={b.number}>
              <td className="num"><Link href={`/explorer/blocks/${b.number}`}>#{b.number}</Link></td>
              <td className="mono" title={b.hash}>{shortHash(b.hash)}</td>
              <td className="mono" title={b.proposer ?? undefined}>{shortHash(b.proposer, 5)}</td>
              <td className="num">{b.txCount}</td>
              <td><FinalityBadge final={b.final} /></td>
              <td className="small">{formatDateTime(b.timestampMs)}</td>
            </tr>
          ))}
          {blocks.length === 0 && <tr><td colSpan={6} className="muted">No blocks yet.</td></tr>}
        </tbody>
      </table>
    </TableWrap>
  );
}
