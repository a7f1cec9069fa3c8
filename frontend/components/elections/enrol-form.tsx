"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { browserApi, errorMessage } from "@/lib/api/client";
import { TextField } from "@/components/ui/text-field";

/** A logged-in voter who is not on the election's roll yet enters the enrolment code they received. */
export function EnrolForm({ electionTitle }: { electionTitle: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const code = String(new FormData(event.currentTarget).get("code") ?? "").trim();
    setDone(null);
    if (code === "") {
      setError("Enter the enrolment code you received.");
      document.getElementById("enrol-code")?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const enrolled = await browserApi().enrol(code);
      setDone(`You are on the roll of “${enrolled.title}”.`);
      router.refresh();
    } catch (e) {
      setError(errorMessage(e));
      document.getElementById("enrol-code")?.focus();
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="form card" onSubmit={onSubmit} noValidate data-testid="enrol-form">
      <p>Your account is not on the voter roll of “{electionTitle}”. Enter the enrolment code the election&apos;s official gave you to vote.</p>
      <TextField id="enrol-code" name="code" label="Enrolment code" hint="26 letters and digits, e.g. K7QXM-2RTAB-…; case and dashes do not matter." autoComplete="off" spellCheck={false} error={error} />
      {done && <div className="alert success" role="status"><p>{done}</p></div>}
      <button type="submit" disabled={busy}>{busy ? "Checking the code…" : "Enrol"}</button>
    </form>
  );
}
