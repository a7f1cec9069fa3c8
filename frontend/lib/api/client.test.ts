import { describe, expect, it } from "vitest";
import { ApiClient, ApiError, errorMessage, type FetchLike } from "./client";

interface Call {
  url: string;
  init: RequestInit | undefined;
}

function fakeFetch(status: number, body: unknown, contentType = "application/json"): { fetch: FetchLike; calls: Call[] } {
  const calls: Call[] = [];
  const fetch: FetchLike = async (url, init) => {
    calls.push({ url, init });
    const text = body === undefined ? "" : typeof body === "string" ? body : JSON.stringify(body);
    return new Response(status === 204 ? null : text, { status, headers: { "content-type": contentType } });
  };
  return { fetch, calls };
}

describe("ApiClient", () => {
  it("sends JSON with the bearer token to the base URL", async () => {
    const { fetch, calls } = fakeFetch(201, { id: 1, transaction_id: "0xabc", ballot_hash: "ff", timestamp: "t" });
    const api = new ApiClient({ baseUrl: "http://api:8000/", token: "tok", fetch });
    const ballot = { ciphertexts: [], proofs: [], sum_proof: { c: [], v: [] } };
    const result = await api.submitVote(7, ballot);
    expect(result.transaction_id).toBe("0xabc");
    expect(calls[0].url).toBe("http://api:8000/api/votes/submit");
    expect(calls[0].init?.method).toBe("POST");
    const headers = calls[0].init?.headers as Record<string, string>;
    expect(headers.authorization).toBe("Bearer tok");
    expect(headers["content-type"]).toBe("application/json");
    expect(JSON.parse(String(calls[0].init?.body))).toEqual({ election_id: 7, ballot });
  });

  it("uses the same origin and no token header in the browser", async () => {
    const { fetch, calls } = fakeFetch(200, { has_voted: false });
    const api = new ApiClient({ fetch });
    await api.voteStatus(3);
    expect(calls[0].url).toBe("/api/votes/status?election_id=3");
    expect((calls[0].init?.headers as Record<string, string>).authorization).toBeUndefined();
    expect(calls[0].init?.body).toBeUndefined();
  });

  it("escapes path parameters", async () => {
    const { fetch, calls } = fakeFetch(200, {});
    await new ApiClient({ fetch }).receipt("0xab/../cd");
    expect(calls[0].url).toBe("/api/votes/receipt/0xab%2F..%2Fcd");
  });

  it("turns a problem details answer into an ApiError with a readable message", async () => {
    const problem = { type: "about:blank", title: "Conflict", status: 409, detail: "You have already voted in this election." };
    const { fetch } = fakeFetch(409, problem, "application/problem+json");
    const error = await new ApiClient({ fetch }).submitVote(1, { ciphertexts: [], proofs: [], sum_proof: { c: [], v: [] } })
      .then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(409);
    expect((error as ApiError).message).toBe("You have already voted in this election.");
    expect((error as ApiError).problem).toEqual(problem);
  });

  it("reports an unreachable server in words", async () => {
    const fetch: FetchLike = async () => {
      throw new TypeError("fetch failed");
    };
    const error = await new ApiClient({ fetch }).elections().then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(0);
    expect(errorMessage(error)).toMatch(/cannot be reached/);
  });

  it("rejects a success answer that is not JSON", async () => {
    const { fetch } = fakeFetch(200, "<html>proxy login page</html>", "text/html");
    await expect(new ApiClient({ fetch }).elections()).rejects.toThrow(/does not understand/);
  });

  it("accepts an empty success answer", async () => {
    const { fetch } = fakeFetch(204, undefined);
    await expect(new ApiClient({ fetch }).openElection(4)).resolves.toBeUndefined();
  });

  it("maps a validation problem on register to field sentences", async () => {
    const { fetch } = fakeFetch(400, { title: "One or more validation errors occurred.", errors: { password: ["is too weak"] } });
    await expect(new ApiClient({ fetch }).register({ email: "a@b.c", password: "x", full_name: "A" }))
      .rejects.toThrow("Password: is too weak.");
  });
});

describe("errorMessage", () => {
  it("gives words for anything thrown", () => {
    expect(errorMessage(new Error("boom"))).toBe("boom");
    expect(errorMessage("??")).toMatch(/Something went wrong/);
  });
});
