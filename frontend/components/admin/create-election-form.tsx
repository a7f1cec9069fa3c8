"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { browserApi, errorMessage } from "@/lib/api/client";
import { validateElectionDraft, type DraftErrors, type ElectionDraft } from "@/lib/election-form";
import { isoToLocalInput } from "@/lib/format";
import { TextField } from "@/components/ui/text-field";
import type { GuardianInvitation } from "@/lib/api/types";

function initialDraft(): ElectionDraft {
  const now = new Date();
  now.setUTCSeconds(0, 0);
  return {
    title: "",
    description: "",
    startsAt: isoToLocalInput(now),
    endsAt: isoToLocalInput(new Date(now.getTime() + 7 * 86_400_000)),
    maxSelections: "1",
    eligibility: "roll",
    candidates: [{ name: "", description: "" }, { name: "", description: "" }],
    guardians: "",
    quorum: "",
  };
}

export function CreateElectionForm() {
  const router = useRouter();
  const [draft, setDraft] = useState<ElectionDraft>(initialDraft);
  const [errors, setErrors] = useState<DraftErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [created, setCreated] = useState<string | null>(null);
  const [invitations, setInvitations] = useState<GuardianInvitation[]>([]);
  const [busy, setBusy] = useState(false);

  const set = <K extends keyof ElectionDraft>(key: K, value: ElectionDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const setCandidate = (i: number, field: "name" | "description", value: string) =>
    setDraft((d) => ({ ...d, candidates: d.candidates.map((c, j) => (j === i ? { ...c, [field]: value } : c)) }));

  function addCandidate() {
    setDraft((d) => ({ ...d, candidates: [...d.candidates, { name: "", description: "" }] }));
    setTimeout(() => document.getElementById(`candidate-${draft.candidates.length}-name`)?.focus(), 0);
  }

  function removeCandidate(i: number) {
    setDraft((d) => ({ ...d, candidates: d.candidates.filter((_, j) => j !== i) }));
    setTimeout(() => document.getElementById("add-candidate")?.focus(), 0);
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setCreated(null);
    setInvitations([]);
    setFormError(null);
    const { errors: found, request } = validateElectionDraft(draft);
    setErrors(found);
    if (!request) {
      const firstCandidate = found.candidateNames ? Number(Object.keys(found.candidateNames)[0]) : null;
      const id = found.title ? "election-title" : found.startsAt ? "election-starts" : found.endsAt ? "election-ends"
        : found.maxSelections ? "election-max" : firstCandidate !== null ? `candidate-${firstCandidate}-name` : "add-candidate";
      document.getElementById(id)?.focus();
      return;
    }
    setBusy(true);
    try {
      const election = await browserApi().createElection(request);
      setCreated(`Election “${election.title ?? request.title}” was created as a draft. ` + (election.external_guardians
        ? "Give each guardian its invitation token below; the election can open once their key ceremony is complete."
        : "Open it when voting should start."));
      setInvitations(election.guardian_invitations ?? []);
      setDraft(initialDraft());
      router.refresh();
    } catch (e) {
      setFormError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="card" onSubmit={onSubmit} noValidate aria-labelledby="create-heading">
      <h2 id="create-heading" style={{ marginTop: 0 }}>Create an election</h2>
      <TextField id="election-title" label="Title" value={draft.title} onChange={(e) => set("title", e.target.value)} error={errors.title} />
      <div className="field">
        <label htmlFor="election-description">Description</label>
        <textarea id="election-description" value={draft.description} onChange={(e) => set("description", e.target.value)} />
      </div>
      <div className="grid">
        <TextField id="election-starts" type="datetime-local" label="Voting starts (UTC)" value={draft.startsAt} onChange={(e) => set("startsAt", e.target.value)} error={errors.startsAt} suppressHydrationWarning />
        <TextField id="election-ends" type="datetime-local" label="Voting ends (UTC)" value={draft.endsAt} onChange={(e) => set("endsAt", e.target.value)} error={errors.endsAt} suppressHydrationWarning />
        <TextField id="election-max" type="number" min={1} label="Choices per ballot" hint="1 for a single choice." value={draft.maxSelections} onChange={(e) => set("maxSelections", e.target.value)} error={errors.maxSelections} />
      </div>
      <fieldset>
        <legend>Who may vote</legend>
        <div className="field">
          <label><input type="radio" name="eligibility" value="roll" checked={draft.eligibility === "roll"} onChange={() => set("eligibility", "roll")} /> The voters on a roll I upload (each gets an enrolment code)</label>
          <label><input type="radio" name="eligibility" value="open" checked={draft.eligibility === "open"} onChange={() => set("eligibility", "open")} /> Anyone who registers (demo mode)</label>
        </div>
      </fieldset>
      <fieldset>
        <legend>Candidates (in ballot order)</legend>
        {errors.candidates && <p className="field-error" role="alert">{errors.candidates}</p>}
        {draft.candidates.map((c, i) => (
          <div className="candidate-editor" key={i}>
            <TextField id={`candidate-${i}-name`} label={`Candidate ${i + 1} name`} value={c.name} onChange={(e) => setCandidate(i, "name", e.target.value)} error={errors.candidateNames?.[i]} />
            <TextField id={`candidate-${i}-description`} label={`Candidate ${i + 1} description`} value={c.description} onChange={(e) => setCandidate(i, "description", e.target.value)} />
            <div className="field">
              <button type="button" className="secondary" onClick={() => removeCandidate(i)} disabled={draft.candidates.length <= 1} aria-label={`Remove candidate ${i + 1}`}>Remove</button>
            </div>
          </div>
        ))}
        <button type="button" className="secondary" id="add-candidate" onClick={addCandidate}>Add a candidate</button>
      </fieldset>
      <fieldset>
        <legend>Guardians (who can decrypt)</legend>
        <div className="field">
          <label htmlFor="election-guardians">Guardians, one a line: name, e-mail</label>
          <p className="hint small muted">Leave empty for a single trustee (demo): the server holds the key and can decrypt. With guardians, only a quorum of them together can.</p>
          <textarea id="election-guardians" value={draft.guardians} onChange={(e) => set("guardians", e.target.value)} aria-invalid={!!errors.guardians} />
          {errors.guardians && <p className="field-error" role="alert">{errors.guardians}</p>}
        </div>
        <TextField id="election-quorum" type="number" min={1} label="Quorum" hint="How many guardians must take part in the tally." value={draft.quorum} onChange={(e) => set("quorum", e.target.value)} error={errors.quorum} />
      </fieldset>
      {formError && <div className="alert error" role="alert"><p>{formError}</p></div>}
      {created && <div className="alert success" role="status"><p>{created}</p></div>}
      {invitations.length > 0 && (
        <div className="alert warn" data-testid="guardian-invitations">
          <p><strong>Shown this once:</strong> each guardian runs <code>evoting guardian join --token TOKEN</code> with its own token.</p>
          <ul>{invitations.map((g) => <li key={g.index}>{g.index}. {g.name}{g.email && ` (${g.email})`}: <span className="mono">{g.token}</span></li>)}</ul>
        </div>
      )}
      <button type="submit" disabled={busy}>{busy ? "Creating (generating the election key)…" : "Create election"}</button>
    </form>
  );
}
