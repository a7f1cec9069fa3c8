import { describe, expect, it } from "vitest";
import { apiTarget } from "./api-target";
import { maxProxyBodyBytes, proxyToApi, readCookie } from "./proxy";

function recordingFetch(response: Response) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fetch = (async (url: string | URL | Request, init?: RequestInit) => {
    calls.push({ url: String(url), init: init ?? {} });
    return response;
  }) as typeof globalThis.fetch;
  return { fetch, calls };
}

describe("apiTarget", () => {
  it("prefers service discovery, then API_URL, then the default port", () => {
    expect(apiTarget({ services__api__http__0: "http://127.0.0.1:5123/", API_URL: "http://x" })).toBe("http://127.0.0.1:5123");
    expect(apiTarget({ API_URL: " http://api:8000 " })).toBe("http://api:8000");
    expect(apiTarget({})).toBe("http://localhost:8000");
  });
});

describe("proxyToApi", () => {
  it("forwards path, query and body and turns the session cookie into a bearer token", async () => {
    const { fetch, calls } = recordingFetch(Response.json({ ok: true }, { status: 201 }));
    const request = new Request("http://frontend:3000/api/votes/submit?x=1", {
      method: "POST",
      headers: { "content-type": "application/json", cookie: "a=b; evoting_session=jwt.token.here", host: "frontend" },
      body: JSON.stringify({ election_id: 1 }),
    });
    const response = await proxyToApi(request, ["votes", "submit"], { target: "http://api:8000", fetch });
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ ok: true });
    expect(calls[0].url).toBe("http://api:8000/api/votes/submit?x=1");
    const headers = calls[0].init.headers as Headers;
    expect(headers.get("authorization")).toBe("Bearer jwt.token.here");
    expect(headers.get("cookie")).toBeNull();
    expect(headers.get("host")).toBeNull();
    expect(new TextDecoder().decode(calls[0].init.body as ArrayBuffer)).toBe('{"election_id":1}');
  });

  it("streams a voter roll through unread and beyond 1 MiB, but holds other bodies to the limit", async () => {
    const { fetch, calls } = recordingFetch(Response.json({ entries: 1 }));
    const big = "x@example.org\n".repeat(Math.ceil((maxProxyBodyBytes + 1) / 14));
    const roll = new Request("http://f/api/elections/3/roll", { method: "POST", headers: { "content-type": "text/csv" }, body: big });
    const response = await proxyToApi(roll, ["elections", "3", "roll"], { target: "http://api", fetch });
    expect(response.status).toBe(200);
    expect(calls[0].init.body).toBeInstanceOf(ReadableStream);
    expect((calls[0].init as { duplex?: string }).duplex).toBe("half");

    const other = new Request("http://f/api/elections/3/open", { method: "POST", body: big });
    expect((await proxyToApi(other, ["elections", "3", "open"], { target: "http://api", fetch })).status).toBe(413);
  });

  it("sends no authorization header without a session", async () => {
    const { fetch, calls } = recordingFetch(Response.json([]));
    await proxyToApi(new Request("http://f/api/elections"), ["elections"], { target: "http://api", fetch });
    expect((calls[0].init.headers as Headers).get("authorization")).toBeNull();
    expect(calls[0].init.body).toBeUndefined();
  });

  it("escapes path segments so a request cannot leave /api", async () => {
    const { fetch, calls } = recordingFetch(Response.json({}));
    await proxyToApi(new Request("http://f/api/x"), ["votes", "receipt", "../../admin"], { target: "http://api", fetch });
    expect(calls[0].url).toBe("http://api/api/votes/receipt/..%2F..%2Fadmin");
  });

  it("passes problem details through unchanged", async () => {
    const problem = { title: "Conflict", status: 409, detail: "Already voted." };
    const upstream = new Response(JSON.stringify(problem), { status: 409, headers: { "content-type": "application/problem+json" } });
    const { fetch } = recordingFetch(upstream);
    const response = await proxyToApi(new Request("http://f/api/votes/submit", { method: "POST", body: "{}" }), ["votes", "submit"], { target: "http://api", fetch });
    expect(response.status).toBe(409);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(await response.json()).toEqual(problem);
  });

  it("answers 502 with problem details when the API is down", async () => {
    const fetch = (async () => {
      throw new TypeError("connect ECONNREFUSED");
    }) as typeof globalThis.fetch;
    const response = await proxyToApi(new Request("http://f/api/elections"), ["elections"], { target: "http://api", fetch });
    expect(response.status).toBe(502);
    const body = (await response.json()) as { detail: string };
    expect(body.detail).toMatch(/cannot be reached/);
  });

  it("answers 504 with problem details when the API does not answer in time", async () => {
    const fetch = ((_url: string, init?: RequestInit) =>
      new Promise<Response>((_, reject) => init?.signal?.addEventListener("abort", () => reject(init.signal!.reason)))) as typeof globalThis.fetch;
    const response = await proxyToApi(new Request("http://f/api/elections/1/tally", { method: "POST", body: "{}" }), ["elections", "1", "tally"], { target: "http://api", fetch, timeoutMs: 50 });
    expect(response.status).toBe(504);
    expect(((await response.json()) as { detail: string }).detail).toMatch(/did not answer in time/);
  });

  it("refuses bodies over the limit before calling the API", async () => {
    const { fetch, calls } = recordingFetch(Response.json({}));
    const big = new Uint8Array(maxProxyBodyBytes + 1);
    const response = await proxyToApi(new Request("http://f/api/votes/submit", { method: "POST", body: big }), ["votes", "submit"], { target: "http://api", fetch });
    expect(response.status).toBe(413);
    expect(calls).toHaveLength(0);
  });
});

describe("readCookie", () => {
  it("finds one cookie among several", () => {
    expect(readCookie("a=1; evoting_session=abc%3D; b=2", "evoting_session")).toBe("abc=");
    expect(readCookie("a=1", "evoting_session")).toBeNull();
    expect(readCookie(null, "x")).toBeNull();
  });
});
