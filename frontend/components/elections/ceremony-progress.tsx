import type { Ceremony } from "@/lib/api/types";

const PHASES: Record<string, string> = {
  commitments: "Waiting for every guardian to join (evoting guardian join).",
  shares: "Waiting for every guardian's encrypted shares (evoting guardian shares).",
  verification: "Waiting for every guardian to check the shares it received (evoting guardian shares).",
  complete: "The key ceremony is complete: the election can open.",
  failed: "The key ceremony failed: a guardian's complaint was upheld. Create the election again without that guardian.",
};

/** The guardians' key ceremony as the official follows it (GET /api/elections/{id}/ceremony). */
export function CeremonyProgress({ ceremony }: { ceremony: Ceremony }) {
  return (
    <section className="card" data-testid="ceremony-progress" aria-labelledby="ceremony-heading">
      <h2 id="ceremony-heading">Key ceremony</h2>
      <p>{PHASES[ceremony.phase] ?? ceremony.phase}</p>
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
    </section>
  );
}
