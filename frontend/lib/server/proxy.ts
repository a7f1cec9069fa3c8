// Forwards a browser request to the API at run time. The browser only ever talks to this
// origin; the session cookie becomes the Authorization header here.

import { SESSION_COOKIE } from "./session-cookie";

// Request headers worth passing on; everything else (cookies, host, hop-by-hop) stays here.
const forwardRequestHeaders = ["accept", "content-type", "accept-language", "traceparent", "tracestate", "idempotency-key"];
const forwardResponseHeaders = ["content-type", "content-disposition", "cache-control", "location", "retry-after", "traceparent"];

export const maxProxyBodyBytes = 1_048_576;

// A voter roll (up to a million lines) is streamed through to the API, which bounds it itself
// (docs/voter-roll.md); every other body is read here and held to 1 MiB.
const streamedBodies = /^elections\/\d+\/roll$/;

// Longer than the API's own waits (opening an election waits up to 30 s for its transaction to be
// final; a tally decrypts every sum), so the API's own answer, not ours, reaches the browser.
export const proxyTimeoutMs = 120_000;

function problem(status: number, title: string, detail: string): Response {
  return Response.json(
    { type: "about:blank", title, status, detail },
    { status, headers: { "content-type": "application/problem+json" } },
  );
}

export interface ProxyOptions {
  target: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

export async function proxyToApi(request: Request, pathSegments: string[], options: ProxyOptions): Promise<Response> {
  const url = new URL(request.url);
  const path = pathSegments.map(encodeURIComponent).join("/");
  const targetUrl = `${options.target}/api/${path}${url.search}`;

  const headers = new Headers();
  for (const name of forwardRequestHeaders) {
    const value = request.headers.get(name);
    if (value !== null) headers.set(name, value);
  }
  const explicitAuth = request.headers.get("authorization");
  const token = readCookie(request.headers.get("cookie"), SESSION_COOKIE);
  if (explicitAuth) headers.set("authorization", explicitAuth);
  else if (token) headers.set("authorization", `Bearer ${token}`);
  const forwardedFor = request.headers.get("x-forwarded-for");
  if (forwardedFor) headers.set("x-forwarded-for", forwardedFor);

  let body: ArrayBuffer | ReadableStream<Uint8Array> | undefined;
  if (request.method === "POST" && streamedBodies.test(pathSegments.join("/")) && request.body) {
    body = request.body;
  } else if (request.method !== "GET" && request.method !== "HEAD") {
    const declared = Number(request.headers.get("content-length") ?? "0");
    if (declared > maxProxyBodyBytes) return problem(413, "Request too large", "The request body is larger than 1 MiB.");
    body = await request.arrayBuffer();
    if (body.byteLength > maxProxyBodyBytes) return problem(413, "Request too large", "The request body is larger than 1 MiB.");
  }

  let upstream: Response;
  try {
    // duplex: fetch needs it for a stream body (not yet in TypeScript's RequestInit); harmless for the others.
    const init: RequestInit & { duplex: "half" } = {
      method: request.method,
      headers,
      body,
      duplex: "half",
      redirect: "manual",
      cache: "no-store",
      signal: AbortSignal.timeout(options.timeoutMs ?? proxyTimeoutMs),
    };
    upstream = await (options.fetch ?? fetch)(targetUrl, init);
  } catch (e) {
    if (e instanceof Error && e.name === "TimeoutError") {
      return problem(504, "API timeout", "The voting service did not answer in time. It may still finish the request: reload the page to see.");
    }
    return problem(502, "API unreachable", "The voting service cannot be reached right now. Try again in a moment.");
  }

  const responseHeaders = new Headers();
  for (const name of forwardResponseHeaders) {
    const value = upstream.headers.get(name);
    if (value !== null) responseHeaders.set(name, value);
  }
  responseHeaders.set("cache-control", upstream.headers.get("cache-control") ?? "no-store");
  // Streamed, not read whole: an election's enrolment codes can be tens of megabytes.
  const payload = upstream.status === 204 || upstream.status === 304 ? null : upstream.body;
  return new Response(payload, { status: upstream.status, headers: responseHeaders });
}

export function readCookie(header: string | null, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) {
      const value = part.slice(eq + 1).trim();
      try {
        return decodeURIComponent(value);
      } catch {
        return value;
      }
    }
  }
  return null;
}
