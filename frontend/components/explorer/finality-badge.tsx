export function FinalityBadge({ final }: { final: boolean | null }) {
  if (final === null) return <span className="badge">unknown</span>;
  return final ? <span className="badge ok">final</span> : <span className="badge warn">not final</span>;
}
