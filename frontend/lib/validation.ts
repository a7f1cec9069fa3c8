// Checks made in the browser before anything is sent, so a person gets the message at once.
// The API checks again; its answer (problem details) is shown when it disagrees.

export type FieldErrors<K extends string> = Partial<Record<K, string>>;

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function validateEmail(email: string): string | null {
  if (email.trim() === "") return "Enter your email address.";
  if (!emailPattern.test(email.trim())) return "Enter an email address like name@example.org.";
  return null;
}

export const minPasswordLength = 8;

export function validateNewPassword(password: string): string | null {
  if (password === "") return "Choose a password.";
  if (password.length < minPasswordLength) return `Use at least ${minPasswordLength} characters.`;
  if (!/[A-Za-z]/.test(password) || !/[0-9]/.test(password)) return "Use both letters and digits.";
  return null;
}

export function validateLogin(email: string, password: string): FieldErrors<"email" | "password"> {
  const errors: FieldErrors<"email" | "password"> = {};
  const e = validateEmail(email);
  if (e) errors.email = e;
  if (password === "") errors.password = "Enter your password.";
  return errors;
}

export function validateRegistration(input: {
  fullName: string;
  email: string;
  password: string;
  confirm: string;
}): FieldErrors<"fullName" | "email" | "password" | "confirm"> {
  const errors: FieldErrors<"fullName" | "email" | "password" | "confirm"> = {};
  if (input.fullName.trim() === "") errors.fullName = "Enter your full name.";
  else if (input.fullName.trim().length > 200) errors.fullName = "Use at most 200 characters.";
  const e = validateEmail(input.email);
  if (e) errors.email = e;
  const p = validateNewPassword(input.password);
  if (p) errors.password = p;
  if (!errors.password && input.confirm !== input.password) errors.confirm = "The two passwords are not the same.";
  return errors;
}

/** Only same-site paths are followed after login (no open redirect to another site). */
export function safeNextPath(next: string | null | undefined): string {
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return "/";
  return next;
}
