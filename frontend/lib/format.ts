// Formatting helpers shared by server and client components. Times are shown in UTC so the
// server's and the browser's rendering agree (no hydration mismatch) and every viewer of a
// receipt sees the same time.

const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

function pad(n: number): string {
  return n.toString().padStart(2, "0");
}

/** "0x1234abcd…ef56" — keeps both ends so a hash can still be compared by eye. */
export function shortHash(hash: string | null | undefined, keep = 6): string {
  if (!hash) return "—";
  const prefix = hash.startsWith("0x") ? "0x" : "";
  const body = hash.slice(prefix.length);
  if (body.length <= keep * 2 + 1) return hash;
  return `${prefix}${body.slice(0, keep)}…${body.slice(-keep)}`;
}

/** ISO string or unix milliseconds → "24 Nov 2026, 00:20:35 UTC". */
export function formatDateTime(value: string | number | null | undefined): string {
  if (value === null || value === undefined || value === "") return "—";
  const date = typeof value === "number" ? new Date(value) : new Date(value);
  if (Number.isNaN(date.getTime())) return "—";
  return `${date.getUTCDate()} ${months[date.getUTCMonth()]} ${date.getUTCFullYear()}, ` +
    `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} UTC`;
}

/** Milliseconds → "850 ms", "2.5 s", "3 min 20 s". */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms) || ms < 0) return "—";
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 1000);
  return seconds === 0 ? `${minutes} min` : `${minutes} min ${seconds} s`;
}

/** 1 → "1 vote", 2 → "2 votes". */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString("en-US")} ${count === 1 ? one : many}`;
}

/** Share of a total as "42.9 %"; "0 %" when nothing was counted. */
export function percent(part: number, total: number): string {
  if (total <= 0) return "0 %";
  const p = (part / total) * 100;
  return `${p % 1 === 0 ? p.toFixed(0) : p.toFixed(1)} %`;
}

/** A `datetime-local` input value (read as UTC) → ISO-8601 UTC, or null when not a time. */
export function localInputToIso(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value)) return null;
  const t = Date.parse(`${value}${value.length === 16 ? ":00" : ""}Z`);
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}

/** ISO or Date → the `datetime-local` input value in UTC ("2026-11-24T00:20"). */
export function isoToLocalInput(value: string | Date): string {
  const d = typeof value === "string" ? new Date(value) : value;
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

const statusLabels: Record<string, string> = {
  draft: "Draft",
  open: "Open for voting",
  closed: "Closed",
  tallied: "Results published",
};

export function electionStatusLabel(status: string): string {
  return statusLabels[status] ?? status;
}

/** Accepts a transaction hash typed by a person: with or without 0x, any case, spaces trimmed. */
export function normalizeTxHash(input: string): string | null {
  const t = input.trim().toLowerCase();
  const body = t.startsWith("0x") ? t.slice(2) : t;
  return /^[0-9a-f]{64}$/.test(body) ? `0x${body}` : null;
}
