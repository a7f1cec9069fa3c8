import { cookies } from "next/headers";
import { SESSION_COOKIE } from "@/lib/server/session-cookie";

// Forgets the session. Works from a plain HTML form (303 back home) and from fetch.
export async function POST(): Promise<Response> {
  (await cookies()).delete(SESSION_COOKIE);
  return new Response(null, { status: 303, headers: { location: "/" } });
}
