import { cookies } from "next/headers";
import { connection } from "next/server";
import { cache } from "react";
import { ApiClient, ApiError } from "@/lib/api/client";
import type { User } from "@/lib/api/types";
import { apiTarget } from "./api-target";
import { SESSION_COOKIE } from "./session-cookie";

/** An API client for server components: talks to the API directly with the visitor's token. */
export const serverApi = cache(async (): Promise<ApiClient> => {
  await connection(); // every page reads live data: never prerender at build time
  const token = (await cookies()).get(SESSION_COOKIE)?.value ?? null;
  return new ApiClient({ baseUrl: apiTarget(), token });
});

export interface Session {
  user: User | null;
  isAdmin: boolean;
  /** Set when the API could not be asked (so the page can say so instead of "logged out"). */
  error: string | null;
}

/** Who is logged in, asked of the API once per request. */
export const getSession = cache(async (): Promise<Session> => {
  const api = await serverApi();
  const hasToken = (await cookies()).has(SESSION_COOKIE);
  if (!hasToken) return { user: null, isAdmin: false, error: null };
  try {
    const user = await api.me();
    return { user, isAdmin: (user.role ?? "").toLowerCase() === "admin", error: null };
  } catch (e) {
    if (e instanceof ApiError && (e.status === 401 || e.status === 403)) {
      return { user: null, isAdmin: false, error: null };
    }
    return { user: null, isAdmin: false, error: e instanceof Error ? e.message : String(e) };
  }
});
