"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { ApiError, browserApi, errorMessage } from "@/lib/api/client";
import { minPasswordLength, safeNextPath, validateRegistration, type FieldErrors } from "@/lib/validation";
import { TextField } from "@/components/ui/text-field";

type Field = "fullName" | "email" | "password" | "confirm" | "code";
const fieldIds: Record<Field, string> = {
  fullName: "register-name",
  email: "register-email",
  password: "register-password",
  confirm: "register-confirm",
  code: "register-code",
};

/** Which field an API refusal belongs to: the enrolment code's problems name the code (docs/voter-roll.md). */
function refusedField(e: ApiError): Field | null {
  const problem = (e.problem ?? {}) as { detail?: string; errors?: Record<string, unknown> };
  if (problem.errors?.enrolment_code) return "code";
  if (/code/i.test(problem.detail ?? "") || /roll/i.test(problem.detail ?? "")) return "code";
  if (e.status === 409) return "email";
  return null;
}

export function RegisterForm({ next, code }: { next?: string; code?: string }) {
  const router = useRouter();
  const [errors, setErrors] = useState<FieldErrors<Field>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const input = {
      fullName: String(data.get("full_name") ?? "").trim(),
      email: String(data.get("email") ?? "").trim(),
      password: String(data.get("password") ?? ""),
      confirm: String(data.get("confirm") ?? ""),
      code: String(data.get("enrolment_code") ?? "").trim(),
    };
    const found: FieldErrors<Field> = validateRegistration(input);
    setErrors(found);
    setFormError(null);
    const first = (Object.keys(fieldIds) as Field[]).find((f) => found[f]);
    if (first) {
      document.getElementById(fieldIds[first])?.focus();
      return;
    }
    setBusy(true);
    const api = browserApi();
    try {
      await api.register({ email: input.email, password: input.password, full_name: input.fullName, enrolment_code: input.code || null });
    } catch (e) {
      const field = e instanceof ApiError ? refusedField(e) : null;
      if (field) {
        setErrors({ [field]: field === "email" ? "An account with this email already exists. Log in instead." : errorMessage(e) });
        document.getElementById(fieldIds[field])?.focus();
      } else {
        setFormError(errorMessage(e));
      }
      setBusy(false);
      return;
    }
    try {
      await api.login(input.email, input.password);
      router.push(safeNextPath(next));
      router.refresh();
    } catch (e) {
      // The account exists; only the automatic login failed. Send them to log in by hand.
      router.push(`/login?registered=1&next=${encodeURIComponent(safeNextPath(next))}`);
      setFormError(`Your account was created, but logging in failed: ${errorMessage(e)}`);
    }
  }

  return (
    <form className="form card" onSubmit={onSubmit} noValidate>
      <TextField id={fieldIds.fullName} name="full_name" label="Full name" autoComplete="name" error={errors.fullName} required />
      <TextField id={fieldIds.email} name="email" type="email" label="Email" autoComplete="email" error={errors.email} required />
      <TextField
        id={fieldIds.password}
        name="password"
        type="password"
        label="Password"
        hint={`At least ${minPasswordLength} characters, with letters and digits.`}
        autoComplete="new-password"
        error={errors.password}
        required
      />
      <TextField id={fieldIds.confirm} name="confirm" type="password" label="Repeat the password" autoComplete="new-password" error={errors.confirm} required />
      <TextField
        id={fieldIds.code}
        name="enrolment_code"
        label="Enrolment code (optional)"
        hint="The code you received from the election's official puts you on its voter roll. Without one you can vote only in elections open to everyone; you can enter a code later on the election's page."
        autoComplete="off"
        spellCheck={false}
        defaultValue={code}
        error={errors.code}
      />
      {formError && <div className="alert error" role="alert"><p>{formError}</p></div>}
      <button type="submit" disabled={busy}>{busy ? "Creating your account…" : "Create account"}</button>
    </form>
  );
}
