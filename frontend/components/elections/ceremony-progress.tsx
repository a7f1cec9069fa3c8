import type { Ceremony } from "@/lib/api/types";

const PHASES: Record<string, string> = {
  commitments: "Waiting for every guardian to join (evoting guardian join).",
  shares: "Waiting for every guardian's encrypted shares (evoting guardian shares).",
  verification: "Waiting for every guardian to check the shares it received (evoting guardian shares).",
  complete: "The key ceremony is complete: the election can open.",
};

const RULINGS: Record<string, string> = {
  refused: "refused",
  restarted: "upheld, guardian removed, ceremony restarted",
  failed: "upheld, ceremony failed",
};

/**
 * The guardians' key ceremony as the official follows it (GET /api/elections/{id}/ceremony): the round, each guardian's
 * progress, and every complaint the relay judged (docs/trustees.md "A complaint").
 */
export function CeremonyProgress({ ceremony }: { ceremony: Ceremony }) {
  const failed = ceremony.phase === "failed" ? ceremony.complaints.at(-1) : undefined;
  return (
    <section className="card" data-testid="ceremony-progress" aria-labelledby="ceremony-heading">
      <h2 id="ceremony-heading">Key ceremony{ceremony.round > 1 ? `, round ${ceremony.round}` : ""}</h2>
      <p>{failed ? `The key ceremony failed. ${failed.reason}` : PHASES[ceremony.phase] ?? ceremony.phase}</p>
      {ceremony.round > 1 && !failed && (
        <p className="alert info small" data-testid="ceremony-restarted">
          The ceremony restarted without the guardian{ceremony.round > 2 ? "s" : ""} removed below: the {ceremony.guardians} remaining
          guardians run <code>evoting guardian join</code> and <code>shares</code> again (their invitation tokens stay valid).
        </p>
      )}
      <table>
        <thead>
          <tr><th scope="col">Guardian</th><th scope="col">Joined</th><th scope="col">Shares sent</th><th scope="col">Shares checked</th><th scope="col">Tally share</th></tr>
        </thead>
        <tbody>
          {ceremony.members.map((m) => (
            <tr key={m.index}>
              <td>{m.index}. {m.name}</td>
              <td>{m.commitments_posted ? "yes" : "no"}</td>
              <td>{m.shares_posted ? "yes" : "no"}</td>
              <td>{m.verdict ?? "not yet"}</td>
              <td>{m.decryption_posted ? "posted" : "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {ceremony.complaints.length > 0 && (
        <>
          <h3>Complaints</h3>
          <ul data-testid="ceremony-complaints">
            {ceremony.complaints.map((c) => (
              <li key={`${c.round}-${c.by}-${c.accused}`}>
                <strong>Round {c.round}, {RULINGS[c.ruling] ?? c.ruling}:</strong> {c.reason}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
