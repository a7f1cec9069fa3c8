// One election's transactions out of blocks as the validators' JSON-RPC serves them (eth_getBlockByNumber(n, true),
// poa_getBlocksRange): Ethereum's shape, with the chain's own transaction JSON hex-encoded in each transaction's
// `input` (EVoting.Rpc/EthFormat.cs; docs/wire-format.md "JSON form"). Only what the tally check needs is kept.

/** election_open's fields the check uses; `ceremony` is the ceremony record object (docs/trustees.md). */
export interface OpenRecord {
  public_key: string;
  candidates: number;
  max_selections: number;
  title?: string;
  candidate_names?: string[];
  ceremony?: unknown;
  hash: string;
}

export interface TallyRecord {
  total_ballots: number;
  results: unknown;
  hash: string;
  block: number;
}

/** Everything on chain about one election, as read from blocks 0..height; plain data for the crypto worker. */
export interface ChainElection {
  electionId: number;
  /** Blocks read, 0..height: every final block the validator had. */
  blocksRead: number;
  /** The validators (host:port) that answered the reads. */
  validators: string[];
  open: OpenRecord | null;
  closed: boolean;
  /** Each final vote's encrypted_vote, lowercase hex without 0x, in chain order. */
  ballots: string[];
  tally: TallyRecord | null;
}

export function emptyChainElection(electionId: number): ChainElection {
  return { electionId, blocksRead: 0, validators: [], open: null, closed: false, ballots: [], tally: null };
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

/** The block's number from `number` (hex quantity); a block without one is not a block. */
export function blockNumber(block: unknown): number {
  if (!isObj(block) || typeof block.number !== "string" || !/^0x[0-9a-f]+$/i.test(block.number)) {
    throw new Error("the validator answered with something that is not a block");
  }
  return Number.parseInt(block.number.slice(2), 16);
}

/** A transaction's own JSON out of its 0x-hex `input`. */
export function transactionJson(tx: unknown): Obj {
  const input = isObj(tx) ? tx.input : undefined;
  if (typeof input !== "string" || !/^0x([0-9a-f]{2})*$/i.test(input)) throw new Error("a transaction has no hex input");
  const bytes = new Uint8Array((input.length - 2) / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = Number.parseInt(input.slice(2 + 2 * i, 4 + 2 * i), 16);
  const parsed: unknown = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  if (!isObj(parsed)) throw new Error("a transaction's input is not a JSON object");
  return parsed;
}

const hexField = (o: Obj, name: string): string => {
  const v = o[name];
  if (typeof v !== "string" || !/^0x[0-9a-f]*$/i.test(v)) throw new Error(`a transaction's ${name} is not 0x-hex`);
  return v.slice(2).toLowerCase();
};

const intField = (o: Obj, name: string): number => {
  const v = o[name];
  if (typeof v !== "number" || !Number.isSafeInteger(v) || v < 0) throw new Error(`a transaction's ${name} is not a count`);
  return v;
};

/**
 * Adds one block's transactions of `into.electionId` to `into`. Validators only finalise well-formed transactions,
 * so the chain's order is the election's: open, votes, close, tally (a second record of a kind is a validator fault
 * the CLI's `evoting verify` reports; here the first one counts, as the validators' rules admit only one).
 */
export function addBlock(into: ChainElection, block: unknown): void {
  const number = blockNumber(block);
  const txs = (block as Obj).transactions;
  if (!Array.isArray(txs)) throw new Error(`block ${number} has no transaction list`);
  for (const tx of txs) {
    const t = transactionJson(tx);
    if (t.election_id !== into.electionId) continue;
    switch (t.type) {
      case "election_open":
        if (into.open) break;
        into.open = {
          public_key: hexField(t, "public_key"),
          candidates: intField(t, "candidates"),
          max_selections: intField(t, "max_selections"),
          title: typeof t.title === "string" ? t.title : undefined,
          candidate_names: Array.isArray(t.candidate_names) ? t.candidate_names.map(String) : undefined,
          ceremony: t.ceremony,
          hash: String(t.hash),
        };
        break;
      case "vote":
        if (into.open && !into.closed) into.ballots.push(hexField(t, "encrypted_vote"));
        break;
      case "election_close":
        into.closed = true;
        break;
      case "election_tally":
        if (!into.tally) into.tally = { total_ballots: intField(t, "total_ballots"), results: t.results, hash: String(t.hash), block: number };
        break;
    }
  }
  into.blocksRead++;
}
