// Checks the official's "create election" form before it is sent, and builds the request.

import { localInputToIso } from "./format";
import type { CreateElectionRequest, Eligibility } from "./api/types";

export interface ElectionDraft {
  title: string;
  description: string;
  startsAt: string; // datetime-local value, UTC
  endsAt: string;
  maxSelections: string;
  /** "roll": voters enrol with a code from the election's roll; "open": anyone may register and vote (demo). */
  eligibility: Eligibility;
  candidates: { name: string; description: string }[];
  /** One guardian a line, "Name, e-mail" (e-mail optional); empty: the server is the single trustee (demo). */
  guardians: string;
  quorum: string;
}

/** At most this many guardians (the API's bound, docs/trustees.md "Guardians in the product"). */
export const MAX_GUARDIANS = 16;

export type DraftErrors = Partial<Record<"title" | "startsAt" | "endsAt" | "maxSelections" | "candidates" | "guardians" | "quorum", string>> & {
  candidateNames?: Record<number, string>;
};

export function validateElectionDraft(d: ElectionDraft): { errors: DraftErrors; request: CreateElectionRequest | null } {
  const errors: DraftErrors = {};
  if (d.title.trim() === "") errors.title = "Give the election a title.";
  else if (d.title.trim().length > 200) errors.title = "Use at most 200 characters.";
  const starts = localInputToIso(d.startsAt);
  const ends = localInputToIso(d.endsAt);
  if (!starts) errors.startsAt = "Enter when voting starts.";
  if (!ends) errors.endsAt = "Enter when voting ends.";
  else if (starts && Date.parse(ends) <= Date.parse(starts)) errors.endsAt = "Voting must end after it starts.";

  const names: Record<number, string> = {};
  const seen = new Map<string, number>();
  const filled = d.candidates.map((c) => ({ name: c.name.trim(), description: c.description.trim() }));
  filled.forEach((c, i) => {
    if (c.name === "") names[i] = "Enter the candidate's name.";
    else if (seen.has(c.name.toLowerCase())) names[i] = `Same name as candidate ${seen.get(c.name.toLowerCase())! + 1}.`;
    else seen.set(c.name.toLowerCase(), i);
  });
  if (Object.keys(names).length > 0) errors.candidateNames = names;
  if (filled.length < 2) errors.candidates = "An election needs at least two candidates.";

  const max = Number(d.maxSelections);
  if (!Number.isInteger(max) || max < 1) errors.maxSelections = "Enter a whole number, 1 or more.";
  else if (max > Math.max(1, filled.length)) errors.maxSelections = `At most the number of candidates (${filled.length}).`;

  const guardians = d.guardians.split("\n").map((l) => l.trim()).filter((l) => l !== "").map((l) => {
    const comma = l.indexOf(",");
    return comma < 0 ? { name: l, email: "" } : { name: l.slice(0, comma).trim(), email: l.slice(comma + 1).trim() };
  });
  const quorum = Number(d.quorum);
  if (guardians.length > MAX_GUARDIANS) errors.guardians = `At most ${MAX_GUARDIANS} guardians.`;
  else if (guardians.some((g) => g.name === "" || g.name.length > 200)) errors.guardians = "Each guardian needs a name of at most 200 characters.";
  else if (new Set(guardians.map((g) => g.name.toLowerCase())).size !== guardians.length) errors.guardians = "Each guardian needs a distinct name.";
  else if (guardians.length > 0 && (!Number.isInteger(quorum) || quorum < 1 || quorum > guardians.length))
    errors.quorum = `A whole number from 1 to the number of guardians (${guardians.length}).`;

  const ok = Object.keys(errors).length === 0;
  return {
    errors,
    request: ok
      ? {
          title: d.title.trim(),
          description: d.description.trim(),
          starts_at: starts!,
          ends_at: ends!,
          max_selections: max,
          eligibility: d.eligibility,
          candidates: filled, // in ballot order: the API numbers the positions
          ...(guardians.length > 0 ? { guardians, quorum } : {}),
        }
      : null,
  };
}
