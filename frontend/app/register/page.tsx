import type { Metadata } from "next";
import Link from "next/link";
import { RegisterForm } from "@/components/auth/register-form";
import { safeNextPath } from "@/lib/validation";

export const metadata: Metadata = { title: "Register" };

export default async function RegisterPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const next = safeNextPath(typeof params.next === "string" ? params.next : undefined);
  return (
    <>
      <h1>Create an account</h1>
      <p className="lead">You need an account to vote. Your choice itself is encrypted in your browser and never linked to your name on the chain.</p>
      <RegisterForm next={next} code={typeof params.code === "string" ? params.code : undefined} />
      <p>Already registered? <Link href={`/login?next=${encodeURIComponent(next)}`}>Log in</Link>.</p>
    </>
  );
}
