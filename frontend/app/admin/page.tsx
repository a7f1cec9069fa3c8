import type { Metadata } from "next";
import Link from "next/link";
import { CreateElectionForm } from "@/components/admin/create-election-form";
import { ElectionActions } from "@/components/admin/election-actions";
import { RollPanel } from "@/components/admin/roll-panel";
import { ValidatorHealthTable } from "@/components/admin/validator-health-table";
import { ProblemMessage } from "@/components/ui/problem-message";
import { ElectionStatusBadge } from "@/components/ui/status-badge";
import { errorMessage } from "@/lib/api/client";
import type { ElectionSummary, ValidatorHealth } from "@/lib/api/types";
import { formatDateTime } from "@/lib/format";
import { getSession, serverApi } from "@/lib/server/session";
import { TableWrap } from "@/components/ui/table-wrap";

export const metadata: Metadata = { title: "Admin" };

export default async function AdminPage() {
  const session = await getSession();
  if (!session.user) {
    return (
      <>
        <h1>Election administration</h1>
        <div className="alert info"><p><Link href="/login?next=%2Fadmin">Log in</Link> with an official&apos;s account to manage elections.</p></div>
      </>
    );
  }
  if (!session.isAdmin) {
    return (
      <>
        <h1>Election administration</h1>
        <ProblemMessage message="Only election officials can use this page. Your account is a voter account." />
      </>
    );
  }
  const api = await serverApi();
  let elections: ElectionSummary[] = [];
  let electionsError: string | null = null;
  let validators: ValidatorHealth[] = [];
  let validatorsError: string | null = null;
  try {
    elections = await api.elections();
  } catch (e) {
    electionsError = errorMessage(e);
  }
  try {
    validators = await api.validatorsHealth();
  } catch (e) {
    validatorsError = errorMessage(e);
  }

  return (
    <>
      <h1>Election administration</h1>
      <h2>Elections</h2>
      {electionsError && <ProblemMessage title="The elections could not be loaded." message={electionsError} />}
      <TableWrap label="Elections">
        <table data-testid="admin-elections">
          <thead>
            <tr><th scope="col">Election</th><th scope="col">Status</th><th scope="col">Voting period</th><th scope="col">Actions</th></tr>
          </thead>
          <tbody>
            {[...elections].sort((a, b) => b.id - a.id).map((e) => (
              <tr key={e.id} data-election-id={e.id}>
                <td><Link href={`/elections/${e.id}`}>{e.title}</Link> <span className="muted small">#{e.id}</span></td>
                <td><ElectionStatusBadge status={e.status} /></td>
                <td className="small">{formatDateTime(e.starts_at)} – {formatDateTime(e.ends_at)}</td>
                <td>
                  <ElectionActions id={e.id} title={e.title} status={e.status} />
                  {e.eligibility === "roll"
                    ? <RollPanel id={e.id} title={e.title} status={e.status} entries={e.roll_entries} />
                    : <p className="small muted">Open to every account (demo mode): no roll.</p>}
                </td>
              </tr>
            ))}
            {elections.length === 0 && !electionsError && <tr><td colSpan={4} className="muted">No elections yet.</td></tr>}
          </tbody>
        </table>
      </TableWrap>

      <CreateElectionForm />

      <h2>Validators</h2>
      {validatorsError ? <ProblemMessage title="Validator health could not be loaded." message={validatorsError} /> : <ValidatorHealthTable validators={validators} />}
    </>
  );
}
