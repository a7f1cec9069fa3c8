// One typed fetch wrapper for the EVoting API. The browser uses it with baseUrl "" (the
// frontend's own origin, proxied to the API); server components use it with the API's own
// address and the session token. `fetch` is injected so tests can fake it.

import { problemMessage } from "./problem";
import type {
  ChainStats,
  ChainVerification,
  CreateElectionRequest,
  Election,
  ElectionSummary,
  LoginResult,
  Receipt,
  RegisterRequest,
  Results,
  SubmitVoteResult,
  User,
  Ballot,
  ValidatorHealth,
  VoteStatus,
} from "./types";

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

  get<T>(path: string): Promise<T> {
    return this.request<T>("GET", path);
  }

  post<T>(path: string, body?: unknown): Promise<T> {
    return this.request<T>("POST", path, body ?? {});
  }

  // Auth
  register(req: RegisterRequest) {
    return this.post<User>("/api/auth/register", req);
  }
  login(email: string, password: string) {
    return this.post<LoginResult>("/api/auth/login", { email, password });
  }
  me() {
    return this.get<User>("/api/auth/me");
  }

  // Elections
  elections() {
    return this.get<ElectionSummary[]>("/api/elections");
  }
  activeElections() {
    return this.get<ElectionSummary[]>("/api/elections/active");
  }
  election(id: number | string) {
    return this.get<Election>(`/api/elections/${encodeURIComponent(String(id))}`);
  }
  createElection(req: CreateElectionRequest) {
    return this.post<Election>("/api/elections", req);
  }
  openElection(id: number) {
    return this.post<unknown>(`/api/elections/${id}/open`);
  }
  closeElection(id: number) {
    return this.post<unknown>(`/api/elections/${id}/close`);
  }
  tallyElection(id: number) {
    return this.post<unknown>(`/api/elections/${id}/tally`);
  }
  results(id: number | string) {
    return this.get<Results>(`/api/elections/${encodeURIComponent(String(id))}/results`);
  }

  // Votes
  submitVote(electionId: number, ballot: Ballot) {
    return this.post<SubmitVoteResult>("/api/votes/submit", { election_id: electionId, ballot });
  }
  voteStatus(electionId: number | string) {
    return this.get<VoteStatus>(`/api/votes/status?election_id=${encodeURIComponent(String(electionId))}`);
  }
  receipt(txHash: string) {
    return this.get<Receipt>(`/api/votes/receipt/${encodeURIComponent(txHash)}`);
  }

  // Blockchain
  chainStats() {
    return this.get<ChainStats>("/api/blockchain/stats");
  }
  verifyChain() {
    return this.get<ChainVerification>("/api/blockchain/verify");
  }
  /** Without `from`: the newest blocks, newest first; with it: ascending from that number. */
  blocks(limit: number, from?: number) {
    return this.get<unknown>(`/api/blockchain/blocks?limit=${limit}${from === undefined ? "" : `&from=${from}`}`);
  }
  block(number: number | string) {
    return this.get<unknown>(`/api/blockchain/blocks/${encodeURIComponent(String(number))}`);
  }
  validatorsHealth() {
    return this.get<ValidatorHealth[] | { validators: ValidatorHealth[] }>("/api/admin/validators/health");
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
