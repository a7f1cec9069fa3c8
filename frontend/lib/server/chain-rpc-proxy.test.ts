// The read-only chain proxy over real HTTP: a node:http server answers JSON-RPC as a validator's /rpc does, and a
// port nobody listens on stands for a validator that is down.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { VALIDATOR_HEADER } from "@/lib/chain/chain-reader";
import { chainRpcMethods, maxChainRpcBatch, maxChainRpcBodyBytes, proxyChainRpc, validatorTargets } from "./chain-rpc-proxy";

let server: Server;
let validator: string;
const received: { url: string; body: string }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => {
      received.push({ url: req.url ?? "", body });
      const call = JSON.parse(body);
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ jsonrpc: "2.0", id: call.id, result: "0x2a" }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  validator = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

// Port 9 (discard) on loopback: nothing listens there, so the connection is refused at once.
const down = "http://127.0.0.1:9";
const rpc = (payload: unknown, headers: Record<string, string> = {}) =>
  new Request("http://frontend/chain-rpc", { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(payload) });

describe("validatorTargets", () => {
  it("lists the AppHost's validator service group in order, else the first validator's default port", () => {
    expect(validatorTargets({ services__validators__http__0: "http://127.0.0.1:8001/", services__validators__http__1: "http://127.0.0.1:8002" })).toEqual([
      "http://127.0.0.1:8001",
      "http://127.0.0.1:8002",
    ]);
    expect(validatorTargets({})).toEqual(["http://localhost:8001"]);
  });
});

describe("proxyChainRpc", () => {
  it("forwards a read method to the next validator when the first is down, and names the one that answered", async () => {
    received.length = 0;
    const response = await proxyChainRpc(rpc({ jsonrpc: "2.0", id: 7, method: "eth_blockNumber", params: [] }), { targets: [down, validator] });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ jsonrpc: "2.0", id: 7, result: "0x2a" });
    expect(response.headers.get(VALIDATOR_HEADER)).toBe(new URL(validator).host);
    expect(received).toEqual([{ url: "/rpc", body: '{"jsonrpc":"2.0","id":7,"method":"eth_blockNumber","params":[]}' }]);
  });

  it("forwards a batch of read methods", async () => {
    const batch = [...chainRpcMethods].map((method, id) => ({ jsonrpc: "2.0", id, method, params: [] }));
    expect((await proxyChainRpc(rpc(batch), { targets: [validator] })).status).toBe(200);
  });

  it("refuses a method that is not a read, alone or inside a batch, without asking a validator", async () => {
    received.length = 0;
    for (const payload of [
      { jsonrpc: "2.0", id: 1, method: "eth_sendTransaction", params: [{ data: "0x00" }] },
      [{ jsonrpc: "2.0", id: 1, method: "eth_blockNumber" }, { jsonrpc: "2.0", id: 2, method: "poa_getEvidence" }],
    ]) {
      const response = await proxyChainRpc(rpc(payload), { targets: [validator] });
      expect(response.status).toBe(403);
      expect(response.headers.get("content-type")).toBe("application/problem+json");
      expect((await response.json()).detail).toMatch(/Only read methods are forwarded/);
    }
    expect(received).toEqual([]);
  });

  it("refuses an oversized body, a batch too large, and what is not JSON-RPC", async () => {
    const big = { jsonrpc: "2.0", id: 1, method: "eth_blockNumber", params: ["x".repeat(maxChainRpcBodyBytes)] };
    expect((await proxyChainRpc(rpc(big), { targets: [validator] })).status).toBe(413);
    // Chunked, no content-length: refused once it passes the limit, without reading the rest.
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({ pull: (c) => { pulled++; c.enqueue(new Uint8Array(4096)); } });
    const chunked = new Request("http://frontend/chain-rpc", { method: "POST", body: endless, duplex: "half" } as RequestInit);
    expect((await proxyChainRpc(chunked, { targets: [validator] })).status).toBe(413);
    expect(pulled).toBeLessThan(maxChainRpcBodyBytes / 4096 + 3);
    const tooMany = Array.from({ length: maxChainRpcBatch + 1 }, (_, id) => ({ jsonrpc: "2.0", id, method: "eth_blockNumber" }));
    expect((await proxyChainRpc(rpc(tooMany), { targets: [validator] })).status).toBe(400);
    expect((await proxyChainRpc(rpc([]), { targets: [validator] })).status).toBe(400);
    expect((await proxyChainRpc(new Request("http://frontend/chain-rpc", { method: "POST", body: "{not json" }), { targets: [validator] })).status).toBe(400);
    expect((await proxyChainRpc(rpc({ method: "eth_getBlockByNumber", params: "0x1" }), { targets: [validator] })).status).toBe(400);
  });

  it("says so when no validator answers", async () => {
    const response = await proxyChainRpc(rpc({ jsonrpc: "2.0", id: 1, method: "eth_blockNumber" }), { targets: [down] });
    expect(response.status).toBe(502);
    expect((await response.json()).detail).toBe("None of the 1 validators answered.");
  });
});
