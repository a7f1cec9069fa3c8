import { electionStatusLabel } from "@/lib/format";

const tone: Record<string, string> = { open: "ok", draft: "", closed: "warn", tallied: "info" };

export function ElectionStatusBadge({ status }: { status: string }) {
  return <span className={`badge ${tone[status] ?? ""}`}>{electionStatusLabel(status)}</span>;
}
