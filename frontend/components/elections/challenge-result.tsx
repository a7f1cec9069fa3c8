import type { ChallengeCheck } from "@/lib/ballot-challenge";
import { auditCommand, challengeFileName, challengeMatches } from "@/lib/ballot-challenge";
import type { ChallengedBallotJson } from "@/lib/crypto";
import type { ElectionKey } from "@/lib/voter-ballot";

/** One "Check this encryption" and what came of it: the check in this browser, and the post to the public list. */
export interface ChallengeOutcome {
  trackingCode: string;
  challenged: ChallengedBallotJson;
  /** The candidates the revealed selections name, in ballot order. */
  revealed: string[];
  check: ChallengeCheck;
  /** null while posting (or never, for a ballot that does not check); "posted", or why the public list did not take it. */
  published: "posted" | { error: string } | null;
}

/** The result of the voter's latest check, with the spoiled ballot to download and the command that re-checks it. */
export function ChallengeResult({ election, outcome }: { election: ElectionKey; outcome: ChallengeOutcome }) {
  const fileName = challengeFileName(election.id, outcome.trackingCode);
  const href = "data:application/json;charset=utf-8," + encodeURIComponent(JSON.stringify(outcome.challenged, null, 2) + "\n");
  return (
    <section className="card stack" aria-labelledby="challenge-heading" data-testid="challenge-result" data-state={outcome.check.matches ? "matches" : "mismatch"}>
      <h3 id="challenge-heading" style={{ marginTop: 0 }}>Check of the ballot with tracking code <span className="mono">{outcome.trackingCode.slice(0, 16)}…</span></h3>
      {outcome.check.matches ? (
        <div className="alert success" role="status">
          <p><strong>Checked: {challengeMatches}.</strong></p>
          <p>
            Your browser revealed the secret numbers that hid your choice in that encrypted ballot, and the check
            confirmed that it encrypts exactly: {outcome.revealed.length === 0 ? "no candidate" : outcome.revealed.join(", ")}.
          </p>
        </div>
      ) : (
        <div className="alert error" role="alert">
          <p><strong>This encryption does not match your choice</strong> ({outcome.check.reason}).</p>
          <p>
            Do not cast a ballot from this browser. Keep the file below and report it to the election officials: anyone can
            re-check it.
          </p>
        </div>
      )}
      <p className="small">
        That ballot is now spoiled: it can never be counted.{" "}
        {!outcome.check.matches && "It was not published: the public list takes only ballots that check."}
        {outcome.check.matches && outcome.published === null && "Publishing it on the election's public list of checked ballots …"}
        {outcome.published === "posted" && "It is published, without your name, on the election's public list of checked ballots."}
        {outcome.published !== null && outcome.published !== "posted" && `It could not be published on the public list: ${outcome.published.error}`}
      </p>
      <p className="small">
        <a href={href} download={fileName}>Download the checked ballot ({fileName})</a>. To check it on another computer:{" "}
        <code className="mono" data-testid="audit-command">{auditCommand(election, fileName)}</code>
      </p>
    </section>
  );
}
