// One typed fetch wrapper for the EVoting API. The browser uses it with baseUrl "" (the
// frontend's own origin, proxied to the API); server components use it with the API's own
// address and the session token. `fetch` is injected so tests can fake it. Paths, parameters,
// bodies and answers are typed from the API's OpenAPI document (operations.ts, schema.d.ts).

import { buildPath, type CallOptions, type Method, type PathWith, type Success } from "./operations";
import { problemMessage } from "./problem";
import type { ChallengedBallotJson } from "@/lib/crypto";
import type { Ballot, CreateElectionRequest, LoginResult, RegisterRequest, ValidatorHealth } from "./types";

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export class ApiError extends Error {
  readonly status: number;
  readonly problem: unknown;

  constructor(status: number, message: string, problem?: unknown) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.problem = problem;
  }
}

export interface ApiClientOptions {
  baseUrl?: string;
  token?: string | null;
  fetch?: FetchLike;
}

const unreachable = "The voting service cannot be reached right now. Check your connection and try again.";

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === "") return undefined;
  const type = response.headers.get("content-type") ?? "";
  if (type.includes("json")) {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  return text;
}

export class ApiClient {
  private readonly baseUrl: string;
  private readonly token: string | null;
  private readonly fetchImpl: FetchLike;

  constructor(options: ApiClientOptions = {}) {
    this.baseUrl = (options.baseUrl ?? "").replace(/\/+$/, "");
    this.token = options.token ?? null;
    this.fetchImpl = options.fetch ?? ((input, init) => fetch(input, init));
  }

  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { accept: "application/json" };
    if (body !== undefined) headers["content-type"] = "application/json";
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    let response: Response;
    try {
      response = await this.fetchImpl(`${this.baseUrl}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        cache: "no-store",
        credentials: "same-origin",
      });
    } catch {
      throw new ApiError(0, unreachable);
    }
    const data = await readBody(response);
    if (!response.ok) {
      throw new ApiError(response.status, problemMessage(response.status, data), data);
    }
    if (data !== undefined && typeof data === "string") {
      throw new ApiError(response.status, "The server sent an answer this page does not understand.");
    }
    return data as T;
  }

  /** An operation of the API's document: `call("get", "/api/elections/{id}", { path: { id } })`. */
  call<M extends Method, P extends PathWith<M>>(method: M, path: P, options: CallOptions<M, P> = {}): Promise<Success<M, P>> {
    const body = method === "post" ? (options.body ?? {}) : undefined;
    return this.request<Success<M, P>>(method.toUpperCase(), buildPath(path, options.path, options.query), body);
  }

  // Auth
  register(req: RegisterRequest) {
    return this.call("post", "/api/auth/register", { body: req });
  }
  /** The frontend's own login route (app/api/auth/login): it keeps the API's token in a cookie and answers without it. */
  login(email: string, password: string) {
    return this.request<LoginResult>("POST", "/api/auth/login", { email, password });
  }
  me() {
    return this.call("get", "/api/auth/me");
  }
  /** Puts the logged-in account on the roll of the election the enrolment code belongs to. */
  enrol(code: string) {
    return this.call("post", "/api/auth/enrol", { body: { code } });
  }

  // Elections
  elections() {
    return this.call("get", "/api/elections");
  }
  activeElections() {
    return this.call("get", "/api/elections/active");
  }
  election(id: number | string) {
    return this.call("get", "/api/elections/{id}", { path: { id: Number(id) } });
  }
  createElection(req: CreateElectionRequest) {
    return this.call("post", "/api/elections", { body: req });
  }
  openElection(id: number) {
    return this.call("post", "/api/elections/{id}/open", { path: { id } });
  }
  closeElection(id: number) {
    return this.call("post", "/api/elections/{id}/close", { path: { id } });
  }
  /** The election's enrolment codes as CSV text ("identifier,code" lines); the API issues them once. */
  async rollCodes(id: number): Promise<Blob> {
    let response: Response;
    try {
      response = await this.fetchImpl(`${this.baseUrl}/api/elections/${id}/roll/codes`, {
        method: "GET", headers: { accept: "text/csv" }, cache: "no-store", credentials: "same-origin",
      });
    } catch {
      throw new ApiError(0, unreachable);
    }
    if (!response.ok) {
      const data = await readBody(response);
      throw new ApiError(response.status, problemMessage(response.status, data), data);
    }
    return response.blob();
  }
  tallyElection(id: number) {
    return this.call("post", "/api/elections/{id}/tally", { path: { id } });
  }
  results(id: number | string) {
    return this.call("get", "/api/elections/{id}/results", { path: { id: Number(id) } });
  }
  ceremony(id: number | string) {
    return this.call("get", "/api/elections/{id}/ceremony", { path: { id: Number(id) } });
  }
  /** Posts a challenged ballot to the election's public list (docs/api.md#spoiled-ballots). */
  postSpoiledBallot(electionId: number, challenged: ChallengedBallotJson) {
    return this.call("post", "/api/elections/{id}/spoiled", { path: { id: electionId }, body: challenged });
  }
  /** The election's challenged ballots in posting order, at most 100 from `offset`. */
  async spoiledBallots(electionId: number | string, offset = 0): Promise<ChallengedBallotJson[]> {
    return (await this.call("get", "/api/elections/{id}/spoiled", { path: { id: Number(electionId) }, query: { offset } })) as ChallengedBallotJson[];
  }

  // Votes
  submitVote(electionId: number, ballot: Ballot) {
    return this.call("post", "/api/votes/submit", { body: { election_id: electionId, ballot } });
  }
  voteStatus(electionId: number | string) {
    return this.call("get", "/api/votes/status", { query: { election_id: Number(electionId) } });
  }
  receipt(txHash: string) {
    return this.call("get", "/api/votes/receipt/{tx_hash}", { path: { tx_hash: txHash } });
  }

  // Blockchain
  chainStats() {
    return this.call("get", "/api/blockchain/stats");
  }
  verifyChain() {
    return this.call("get", "/api/blockchain/verify");
  }
  /** Without `from`: the newest blocks, newest first; with it: ascending from that number. */
  blocks(limit: number, from?: number) {
    return this.call("get", "/api/blockchain/blocks", { query: { limit, from } });
  }
  block(number: number | string) {
    return this.call("get", "/api/blockchain/blocks/{number}", { path: { number: String(number) } });
  }
  validatorsHealth(): Promise<ValidatorHealth[]> {
    return this.call("get", "/api/admin/validators/health");
  }
}

/** The client the browser uses: same origin, the session cookie travels with the request. */
export function browserApi(fetchImpl?: FetchLike): ApiClient {
  return new ApiClient({ baseUrl: "", fetch: fetchImpl });
}

export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error && error.message) return error.message;
  return "Something went wrong. Try again.";
}
