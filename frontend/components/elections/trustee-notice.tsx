import type { Election } from "@/lib/api/types";

/** Who can decrypt this election (docs/trustees.md "What each party can do"): said on every election's page. */
export function TrusteeNotice({ election }: { election: Election }) {
  if (!election.external_guardians) {
    return (
      <p className="alert warn small" data-testid="trustee-notice">
        <strong>Single trustee (demo): the server can decrypt.</strong> This election&apos;s key is held by the server alone,
        so whoever runs it could decrypt a single ballot. Elections with guardians do not have this weakness.
      </p>
    );
  }
  // Guardians removed by an upheld complaint (docs/trustees.md "A complaint"): the key is the remaining guardians'.
  const removed = (election.ceremony_complaints ?? []).filter((c) => c.ruling === "restarted");
  return (
    <p className="alert info small" data-testid="trustee-notice">
      The key is held by {election.guardians} guardians: any {election.quorum} of them together decrypt the tally, fewer
      cannot, and the server never holds the key.
      {removed.length > 0 &&
        ` ${removed.map((c) => `${c.accused_name} was removed from the key ceremony in round ${c.round} (${c.by_name}'s complaint about their share was upheld)`).join("; ")}; the ceremony restarted without them.`}
    </p>
  );
}
