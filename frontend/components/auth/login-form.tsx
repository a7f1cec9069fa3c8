"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { browserApi, errorMessage } from "@/lib/api/client";
import { safeNextPath, validateLogin, type FieldErrors } from "@/lib/validation";
import { TextField } from "@/components/ui/text-field";

export function LoginForm({ next, notice }: { next?: string; notice?: string }) {
  const router = useRouter();
  const [errors, setErrors] = useState<FieldErrors<"email" | "password">>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const email = String(data.get("email") ?? "").trim();
    const password = String(data.get("password") ?? "");
    const found = validateLogin(email, password);
    setErrors(found);
    setFormError(null);
    if (Object.keys(found).length > 0) {
      document.getElementById(found.email ? "login-email" : "login-password")?.focus();
      return;
    }
    setBusy(true);
    try {
      await browserApi().login(email, password);
      router.push(safeNextPath(next));
      router.refresh();
    } catch (e) {
      setFormError(errorMessage(e));
      setBusy(false);
    }
  }

  return (
    <form className="form card" onSubmit={onSubmit} noValidate aria-describedby={formError ? "login-error" : undefined}>
      {notice && <div className="alert info"><p>{notice}</p></div>}
      <TextField id="login-email" name="email" type="email" label="Email" autoComplete="email" error={errors.email} required />
      <TextField id="login-password" name="password" type="password" label="Password" autoComplete="current-password" error={errors.password} required />
      {formError && <div className="alert error" role="alert" id="login-error"><p>{formError}</p></div>}
      <button type="submit" disabled={busy}>{busy ? "Logging in…" : "Log in"}</button>
    </form>
  );
}
