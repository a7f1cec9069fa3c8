// The browser's read-only way to the chain (docs/frontend.md "Checking the tally from the chain"): JSON-RPC requests
// for a whitelist of read methods, forwarded to the first validator that answers. Cheapest checks first: the size,
// then JSON, then each call's method; the whole body is bounded, a batch too, and each validator gets a timeout.

import { VALIDATOR_HEADER } from "@/lib/chain/chain-reader";

export const chainRpcMethods: ReadonlySet<string> = new Set(["eth_blockNumber", "eth_getBlockByNumber", "poa_getBlocksRange", "eth_getTransactionByHash"]);
export const maxChainRpcBodyBytes = 16_384;
export const maxChainRpcBatch = 20;
export const chainRpcTimeoutMs = 15_000;

/** The validators' base URLs (JSON-RPC at /rpc), in failover order: Aspire's service group (services__validators__http__0..n). */
export function validatorTargets(env: Record<string, string | undefined> = process.env): string[] {
  const urls: string[] = [];
  for (let i = 0; ; i++) {
    const url = env[`services__validators__http__${i}`]?.trim();
    if (!url) break;
    urls.push(url.replace(/\/+$/, ""));
  }
  // The first validator's default local port (docs/architecture.md#topology-and-default-ports).
  return urls.length > 0 ? urls : ["http://localhost:8001"];
}

function problem(status: number, title: string, detail: string): Response {
  return Response.json({ type: "about:blank", title, status, detail }, { status, headers: { "content-type": "application/problem+json" } });
}

/** Null when every call in the request is a JSON-RPC 2.0 call of a whitelisted method, else the refusal. */
function refusal(payload: unknown): Response | null {
  const calls = Array.isArray(payload) ? payload : [payload];
  if (calls.length === 0) return problem(400, "Empty batch", "A JSON-RPC batch needs at least one call.");
  if (calls.length > maxChainRpcBatch) return problem(400, "Batch too large", `A batch may hold at most ${maxChainRpcBatch} calls.`);
  for (const call of calls) {
    if (typeof call !== "object" || call === null || Array.isArray(call)) return problem(400, "Not a JSON-RPC call", "Each call must be a JSON object.");
    const { method, params } = call as Record<string, unknown>;
    if (typeof method !== "string" || !chainRpcMethods.has(method)) {
      return problem(403, "Method not allowed", `Only read methods are forwarded: ${[...chainRpcMethods].join(", ")}.`);
    }
    if (params !== undefined && !Array.isArray(params)) return problem(400, "Not a JSON-RPC call", "params must be an array.");
  }
  return null;
}

/** The body, or null as soon as it passes `max` bytes: a body without a length (chunked) is never buffered whole. */
async function readBounded(request: Request, max: number): Promise<ArrayBuffer | null> {
  if (!request.body) return new ArrayBuffer(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    body.set(chunk, at);
    at += chunk.byteLength;
  }
  return body.buffer;
}

export interface ChainRpcProxyOptions {
  targets: string[];
  fetch?: typeof fetch;
  timeoutMs?: number;
}

export async function proxyChainRpc(request: Request, options: ChainRpcProxyOptions): Promise<Response> {
  const tooLarge = () => problem(413, "Request too large", `A chain read is at most ${maxChainRpcBodyBytes} bytes.`);
  if (Number(request.headers.get("content-length") ?? "0") > maxChainRpcBodyBytes) return tooLarge();
  const body = await readBounded(request, maxChainRpcBodyBytes);
  if (body === null) return tooLarge();
  let payload: unknown;
  try {
    payload = JSON.parse(new TextDecoder().decode(body));
  } catch {
    return problem(400, "Not JSON", "The request body must be a JSON-RPC call or batch.");
  }
  const refused = refusal(payload);
  if (refused) return refused;

  // One validator down (refused, timed out, 5xx) is not the chain down: the next one answers the same final blocks.
  for (const target of options.targets) {
    let upstream: Response;
    try {
      upstream = await (options.fetch ?? fetch)(`${target}/rpc`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body,
        redirect: "manual",
        cache: "no-store",
        signal: AbortSignal.timeout(options.timeoutMs ?? chainRpcTimeoutMs),
      });
    } catch {
      continue;
    }
    if (upstream.status >= 500) continue;
    const headers = new Headers({ "content-type": upstream.headers.get("content-type") ?? "application/json", "cache-control": "no-store" });
    headers.set(VALIDATOR_HEADER, new URL(target).host);
    return new Response(await upstream.arrayBuffer(), { status: upstream.status, headers });
  }
  return problem(502, "Chain unreachable", `None of the ${options.targets.length} validators answered.`);
}
