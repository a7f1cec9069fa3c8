// Test support: a real election record as the validators' JSON-RPC serves it. The ceremony, the five encrypted ballots
// and the threshold tally are C#'s (testdata/trustees/csharp-ceremony.json, g = 3, q = 2); each transaction's JSON
// travels hex-encoded in `input`, as EthFormat.Transaction writes it.

import type { ThresholdResultJson } from "@/lib/crypto";
// Imported, not read with fs: a component test's DOM environment has no file URL to resolve a path against.
import record from "../../../testdata/trustees/csharp-ceremony.json";

export { record };
export const electionId: number = record.election_id;
export const validResults: ThresholdResultJson[] = record.combinations[0].results;
export const chainCounts: number[] = record.counts;
export const encryptedVotes: string[] = record.ballots.map((b: { ballot: { ciphertexts: { alpha: string; beta: string }[] } }) =>
  b.ballot.ciphertexts.map((c) => c.alpha + c.beta).join(""),
);

type Tx = Record<string, unknown>;
let txCounter = 0;

/** A transaction as eth_getBlockByNumber(n, true) carries it: Ethereum's fields, the chain's JSON in `input`. */
export function rpcTx(tx: Tx): Record<string, unknown> {
  const hash = `0x${(++txCounter).toString(16).padStart(64, "0")}`;
  const json = JSON.stringify({ chain_id: 1337, timestamp: 1_700_000_000, ...tx, hash });
  return { hash, type: "0x0", input: `0x${Buffer.from(json, "utf8").toString("hex")}`, to: null, value: "0x0" };
}

export function rpcBlock(number: number, txs: Tx[]): Record<string, unknown> {
  return { number: `0x${number.toString(16)}`, index: number, hash: `0x${"ab".repeat(32)}`, transactions: txs.map(rpcTx) };
}

export const openTx = (ceremony: unknown = record.ceremony): Tx => ({
  type: "election_open", election_id: electionId, public_key: `0x${record.election.public_key}`, candidates: record.candidates,
  max_selections: 1, title: "Board", candidate_names: ["Ann", "Bo", "Cy", "Di"], ceremony,
});
export const voteTx = (encryptedVote: string, n: number): Tx => ({
  type: "vote", election_id: electionId, voter_id: `anon-${n.toString(16).padStart(64, "0")}`, encrypted_vote: `0x${encryptedVote}`,
  ballot_hash: `0x${"22".repeat(32)}`, proof: "0x00",
});
export const closeTx = (): Tx => ({ type: "election_close", election_id: electionId });
export const tallyTx = (results: unknown = validResults, total = encryptedVotes.length): Tx => ({
  type: "election_tally", election_id: electionId, total_ballots: total, results,
});

/**
 * Blocks 0..n: genesis, another election's open, this election's open, its ballots two per block, close, tally.
 * `votes` and `tally` replace the real ones to forge a record.
 */
export function chainBlocks(options: { votes?: string[]; tally?: Tx; ceremony?: unknown } = {}): Record<string, unknown>[] {
  const votes = options.votes ?? encryptedVotes;
  const blocks = [rpcBlock(0, []), rpcBlock(1, [{ ...openTx(), election_id: electionId + 1 }]), rpcBlock(2, [openTx(options.ceremony)])];
  for (let i = 0; i < votes.length; i += 2) {
    blocks.push(rpcBlock(blocks.length, votes.slice(i, i + 2).map((v, j) => voteTx(v, i + j))));
  }
  blocks.push(rpcBlock(blocks.length, [closeTx()]));
  blocks.push(rpcBlock(blocks.length, [options.tally ?? tallyTx()]));
  return blocks;
}

/** A JSON-RPC endpoint over those blocks, answering as a validator does, with `validator` naming it. */
export function servingBlocks(blocks: Record<string, unknown>[], validator = "127.0.0.1:8001") {
  return async (method: string, params: unknown[]) => {
    if (method === "eth_blockNumber") return { result: `0x${(blocks.length - 1).toString(16)}`, validator };
    if (method === "poa_getBlocksRange") {
      const [from, count] = (params as string[]).map((p) => Number.parseInt(p.slice(2), 16));
      return { result: blocks.slice(from, from + count), validator };
    }
    throw new Error(`unexpected ${method}`);
  };
}

/** The same as a validator's HTTP endpoint: a JSON-RPC request in, a JSON-RPC response out. */
export function validatorServing(blocks: Record<string, unknown>[]) {
  const rpc = servingBlocks(blocks);
  return async (init: RequestInit): Promise<Response> => {
    const call = JSON.parse(String(init.body instanceof ArrayBuffer ? new TextDecoder().decode(init.body) : init.body));
    const { result } = await rpc(call.method, call.params);
    return Response.json({ jsonrpc: "2.0", id: call.id, result });
  };
}
