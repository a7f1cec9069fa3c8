import type { Progress } from "@/lib/crypto-worker/protocol";

const units: Record<Progress["phase"], string> = {
  encrypting: "proofs made",
  checking: "proofs checked",
  reading: "blocks read",
  summing: "ballots summed",
  tally: "candidates checked",
};

/**
 * How far the crypto worker has got. Not a live region: the step list around it announces the
 * steps, and a count changing several times a second would drown them out for a screen reader.
 */
export function WorkProgress({ progress }: { progress: Progress | null }) {
  if (!progress) return null;
  const text = `${progress.done} of ${progress.total} ${units[progress.phase]}`;
  return (
    <div className="work-progress" data-testid="work-progress" data-phase={progress.phase}>
      <progress max={progress.total} value={progress.done} aria-label={text} />
      <span className="small muted">{text}</span>
    </div>
  );
}
