// Reads every final block from the validators through this site's read-only /chain-rpc proxy (never the API), keeping
// one election's transactions (rpc-block.ts). Blocks come 100 at a time (poa_getBlocksRange's limit), and each range
// must start where the last ended, so a validator cannot leave blocks out without the check saying so.

import { addBlock, blockNumber, emptyChainElection, type ChainElection } from "./rpc-block";

/** The proxy's path and the response header naming the validator that answered (lib/server/chain-rpc-proxy.ts). */
export const CHAIN_RPC_PATH = "/chain-rpc";
export const VALIDATOR_HEADER = "x-evoting-validator";
export const BLOCKS_PER_RANGE = 100;

export interface RpcAnswer {
  result: unknown;
  validator: string;
}

export type RpcCall = (method: string, params: unknown[]) => Promise<RpcAnswer>;

/** A JSON-RPC call through the proxy; an error answer or a problem detail becomes an Error saying why. */
export function proxyRpc(fetchImpl: typeof fetch = fetch, path = CHAIN_RPC_PATH): RpcCall {
  let id = 0;
  return async (method, params) => {
    const response = await fetchImpl(path, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: ++id, method, params }),
      cache: "no-store",
    });
    const body = (await response.json().catch(() => null)) as { result?: unknown; error?: { message?: string }; detail?: string } | null;
    if (!response.ok || body === null) throw new Error(`The chain could not be read: ${body?.detail ?? `HTTP ${response.status}`}`);
    if (body.error) throw new Error(`The validator refused ${method}: ${body.error.message ?? "no reason given"}`);
    return { result: body.result, validator: response.headers.get(VALIDATOR_HEADER) ?? "unknown" };
  };
}

/** Every block 0..head, one election's record out of them. onProgress counts blocks read. */
export async function readChainElection(
  electionId: number,
  rpc: RpcCall,
  onProgress?: (done: number, total: number) => void,
): Promise<ChainElection> {
  const validators = new Set<string>();
  const head = await rpc("eth_blockNumber", []);
  validators.add(head.validator);
  if (typeof head.result !== "string" || !/^0x[0-9a-f]+$/i.test(head.result)) throw new Error("The validator's block number is not a hex quantity.");
  const height = Number.parseInt(head.result.slice(2), 16);
  const chain = emptyChainElection(electionId);
  while (chain.blocksRead <= height) {
    const from = chain.blocksRead;
    const count = Math.min(BLOCKS_PER_RANGE, height + 1 - from);
    const answer = await rpc("poa_getBlocksRange", [`0x${from.toString(16)}`, `0x${count.toString(16)}`]);
    validators.add(answer.validator);
    if (!Array.isArray(answer.result) || answer.result.length === 0) throw new Error(`The validator returned no blocks from ${from} on, below its height ${height}.`);
    for (const block of answer.result) {
      if (blockNumber(block) !== chain.blocksRead) throw new Error(`Blocks are missing: expected block ${chain.blocksRead}, got ${blockNumber(block)}.`);
      addBlock(chain, block);
    }
    onProgress?.(chain.blocksRead, height + 1);
  }
  chain.validators = [...validators];
  return chain;
}
