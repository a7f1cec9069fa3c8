import type { Metadata } from "next";
import Link from "next/link";
import { LoginForm } from "@/components/auth/login-form";
import { safeNextPath } from "@/lib/validation";

export const metadata: Metadata = { title: "Log in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const next = safeNextPath(typeof params.next === "string" ? params.next : undefined);
  const notice = params.registered ? "Your account was created. Log in to continue." : undefined;
  return (
    <>
      <h1>Log in</h1>
      <LoginForm next={next} notice={notice} />
      <p>No account yet? <Link href={`/register?next=${encodeURIComponent(next)}`}>Register</Link>.</p>
    </>
  );
}
