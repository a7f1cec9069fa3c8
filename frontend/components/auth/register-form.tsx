"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { ApiError, browserApi, errorMessage } from "@/lib/api/client";
import { minPasswordLength, safeNextPath, validateRegistration, type FieldErrors } from "@/lib/validation";
import { TextField } from "@/components/ui/text-field";

type Field = "fullName" | "email" | "password" | "confirm";
const fieldIds: Record<Field, string> = {
  fullName: "register-name",
  email: "register-email",
  password: "register-password",
  confirm: "register-confirm",
};

export function RegisterForm({ next }: { next?: string }) {
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
    };
    const found = validateRegistration(input);
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
      await api.register({ email: input.email, password: input.password, full_name: input.fullName });
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        setErrors({ email: "An account with this email already exists. Log in instead." });
        document.getElementById(fieldIds.email)?.focus();
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
      {formError && <div className="alert error" role="alert"><p>{formError}</p></div>}
      <button type="submit" disabled={busy}>{busy ? "Creating your account…" : "Create account"}</button>
    </form>
  );
}
