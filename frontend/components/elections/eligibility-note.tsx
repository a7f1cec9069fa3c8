import type { Election } from "@/lib/api/types";

/** Says plainly who may vote in the election (docs/voter-roll.md): everyone (demo mode) or its roll. */
export function EligibilityNote({ election }: { election: Pick<Election, "eligibility" | "roll_entries"> }) {
  if (election.eligibility === "open") {
    return (
      <div className="alert warn" data-testid="eligibility-open">
        <p><strong>Open to everyone (demo mode):</strong> anyone can register an account and vote in this election. There is no voter roll.</p>
      </div>
    );
  }
  return (
    <p className="small muted" data-testid="eligibility-roll">
      Only the voters on this election&apos;s roll can vote{election.roll_entries > 0 ? ` (${election.roll_entries} voters)` : ""}: each received an enrolment code from the election&apos;s official.
    </p>
  );
}
