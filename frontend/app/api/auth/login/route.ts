import { cookies } from "next/headers";
import { apiTarget } from "@/lib/server/api-target";
import { SESSION_COOKIE } from "@/lib/server/session-cookie";
import { proxyToApi } from "@/lib/server/proxy";

// Logs in through the API, then keeps the token in an httpOnly cookie instead of handing it
// to page scripts. The browser gets {token_type, expires_in} only.
export async function POST(request: Request): Promise<Response> {
  const upstream = await proxyToApi(request, ["auth", "login"], { target: apiTarget() });
  if (!upstream.ok) return upstream;
  let body: { access_token?: unknown; token_type?: unknown; expires_in?: unknown };
  try {
    body = (await upstream.json()) as typeof body;
  } catch {
    return Response.json(
      { title: "Bad answer from the API", status: 502, detail: "The login service sent an answer that could not be read." },
      { status: 502, headers: { "content-type": "application/problem+json" } },
    );
  }
  if (typeof body.access_token !== "string" || body.access_token === "") {
    return Response.json(
      { title: "Bad answer from the API", status: 502, detail: "The login service did not send a session token." },
      { status: 502, headers: { "content-type": "application/problem+json" } },
    );
  }
  const expiresIn = typeof body.expires_in === "number" && body.expires_in > 0 ? Math.floor(body.expires_in) : 3600;
  (await cookies()).set(SESSION_COOKIE, body.access_token, {
    httpOnly: true,
    sameSite: "strict",
    secure: new URL(request.url).protocol === "https:" || request.headers.get("x-forwarded-proto") === "https",
    path: "/",
    maxAge: expiresIn,
  });
  return Response.json({ token_type: "cookie", expires_in: expiresIn }, { headers: { "cache-control": "no-store" } });
}
