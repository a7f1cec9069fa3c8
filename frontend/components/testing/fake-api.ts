// A fake of the network under the components: answers the API paths a test lists (as the API
// would, JSON or problem details) and records every request. Nothing of the product is faked.
import { vi } from "vitest";

export interface RecordedRequest {
  method: string;
  path: string;
  body: unknown;
}

type Answer = { status?: number; body?: unknown } | Promise<{ status?: number; body?: unknown }>;
type Route = (request: RecordedRequest) => Answer;

export function problem(status: number, detail: string, title = "Error") {
  return { status, body: { type: "about:blank", title, status, detail } };
}

/** Installs the fake as the global fetch; routes are keyed "METHOD /path?query". */
export function fakeApi(routes: Record<string, Route | { status?: number; body?: unknown }>) {
  const requests: RecordedRequest[] = [];
  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    const path = url.replace(/^https?:\/\/[^/]+/, "");
    const method = (init?.method ?? "GET").toUpperCase();
    const body = typeof init?.body === "string" ? JSON.parse(init.body) : undefined;
    const request = { method, path, body };
    requests.push(request);
    const route = routes[`${method} ${path}`];
    const answer = await (typeof route === "function" ? route(request) : route ?? problem(404, `No fake for ${method} ${path}.`, "Not Found"));
    const status = answer.status ?? 200;
    const type = status >= 400 ? "application/problem+json" : "application/json";
    return new Response(answer.body === undefined ? null : JSON.stringify(answer.body), { status, headers: { "content-type": type } });
  });
  vi.stubGlobal("fetch", fetch);
  return { requests, fetch };
}

/** An answer the test releases when it wants (to look at the page while a request is in flight). */
export function held<T>() {
  let release!: (value: T) => void;
  const promise = new Promise<T>((resolve) => (release = resolve));
  return { promise, release };
}
