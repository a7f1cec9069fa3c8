// Turns an RFC 9457 problem details body (or anything else an HTTP error carries) into a
// sentence a person can read. The UI never shows raw JSON.

export interface ProblemDetails {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  instance?: string;
  errors?: Record<string, string[] | string>;
  [key: string]: unknown;
}

const statusFallback: Record<number, string> = {
  400: "The request was not valid.",
  401: "You need to log in first (or your session has expired).",
  403: "You are not allowed to do this.",
  404: "Not found.",
  409: "This conflicts with the current state.",
  413: "The request is too large.",
  415: "The request was not in a format the server accepts.",
  422: "The request could not be processed.",
  429: "Too many attempts. Wait a moment and try again.",
  500: "The server had a problem. Try again in a moment.",
  502: "The voting service cannot be reached right now.",
  503: "The voting service is temporarily unavailable.",
  504: "The voting service did not answer in time.",
};

export function isProblemDetails(value: unknown): value is ProblemDetails {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const v = value as Record<string, unknown>;
  return typeof v.title === "string" || typeof v.detail === "string" || typeof v.errors === "object";
}

/** "full_name" / "FullName" / "candidates[0].name" → "Full name" / "Candidates 1 name". */
export function humanizeField(field: string): string {
  const spaced = field
    .replace(/\[(\d+)\]/g, (_, i: string) => ` ${Number(i) + 1} `)
    .replace(/^\$\.?/, "")
    .replace(/[._]/g, " ")
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .replace(/\s+/g, " ")
    .trim()
    .toLowerCase();
  return spaced.length === 0 ? "" : spaced[0].toUpperCase() + spaced.slice(1);
}

function ensureSentence(text: string): string {
  const t = text.trim();
  if (t.length === 0) return t;
  return /[.!?]$/.test(t) ? t : `${t}.`;
}

function validationLines(errors: ProblemDetails["errors"]): string[] {
  if (!errors || typeof errors !== "object") return [];
  const lines: string[] = [];
  for (const [field, value] of Object.entries(errors)) {
    const messages = Array.isArray(value) ? value : [value];
    for (const m of messages) {
      if (typeof m !== "string" || m.trim() === "") continue;
      const name = humanizeField(field);
      // ASP.NET messages usually name the field already ("The Email field is required.").
      const mentionsField = name !== "" && m.toLowerCase().includes(name.toLowerCase());
      lines.push(ensureSentence(name === "" || mentionsField ? m : `${name}: ${m}`));
    }
  }
  return lines;
}

/** The message to show for an error response. */
export function problemMessage(status: number, body: unknown): string {
  if (isProblemDetails(body)) {
    const lines = validationLines(body.errors);
    const detail = typeof body.detail === "string" ? body.detail.trim() : "";
    const title = typeof body.title === "string" ? body.title.trim() : "";
    if (detail !== "" && lines.length > 0) return [ensureSentence(detail), ...lines].join(" ");
    if (detail !== "") return ensureSentence(detail);
    if (lines.length > 0) return lines.join(" ");
    // ASP.NET's default titles for bare status codes are not helpful on their own.
    if (title !== "" && !/^(an error occurred|one or more validation errors occurred)/i.test(title)) {
      return ensureSentence(title);
    }
  } else if (typeof body === "string" && body.trim() !== "" && !body.trim().startsWith("<") && body.length < 300) {
    return ensureSentence(body);
  }
  return statusFallback[status] ?? (status >= 500 ? statusFallback[500] : `The request failed (HTTP ${status}).`);
}
