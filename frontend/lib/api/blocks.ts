// The block and transaction shapes the explorer shows. The API passes on the chain's block JSON
// (the seed's names: index, block_hash, validator, ...) and may also use Ethereum-style names
// (number, hash, miner, ...); these readers accept both so the explorer does not break on either.

export interface TxView {
  hash: string;
  type: string;
  electionId: number | null;
  nullifier: string | null;
  ballotHash: string | null;
  from: string | null;
  timestamp: number | null; // unix seconds
  encryptedVoteBytes: number | null;
  proofBytes: number | null;
  candidates: number | null;
  maxSelections: number | null;
  publicKey: string | null;
}

export interface BlockView {
  number: number;
  hash: string;
  prevHash: string | null;
  timestampMs: number | null;
  proposer: string | null;
  round: number | null;
  transactionsRoot: string | null;
  txCount: number;
  txHashes: string[];
  transactions: TxView[];
  commitSignatures: number | null;
  final: boolean | null;
}

type Raw = Record<string, unknown>;

function isObject(v: unknown): v is Raw {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function pick(raw: Raw, ...names: string[]): unknown {
  for (const n of names) if (raw[n] !== undefined && raw[n] !== null) return raw[n];
  return undefined;
}

function asNumber(v: unknown): number | null {
  if (typeof v === "number" && Number.isFinite(v)) return v;
  if (typeof v === "string" && v.trim() !== "") {
    const n = v.startsWith("0x") ? Number.parseInt(v, 16) : Number(v);
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

function asString(v: unknown): string | null {
  return typeof v === "string" && v !== "" ? v : null;
}

function hexBytes(v: unknown): number | null {
  const s = asString(v);
  if (s === null) return null;
  return Math.floor(s.replace(/^0x/, "").length / 2);
}

/** Seconds, milliseconds or an ISO string → unix milliseconds. */
export function toMillis(v: unknown): number | null {
  if (typeof v === "string" && /\d{4}-\d{2}-\d{2}T/.test(v)) {
    const t = Date.parse(v);
    return Number.isNaN(t) ? null : t;
  }
  const n = asNumber(v);
  if (n === null) return null;
  return n > 1e12 ? n : n * 1000;
}

export function readTransaction(raw: unknown): TxView | null {
  if (typeof raw === "string") {
    return {
      hash: raw, type: "unknown", electionId: null, nullifier: null, ballotHash: null, from: null,
      timestamp: null, encryptedVoteBytes: null, proofBytes: null, candidates: null,
      maxSelections: null, publicKey: null,
    };
  }
  if (!isObject(raw)) return null;
  const hash = asString(pick(raw, "hash", "tx_hash", "transaction_hash", "transactionHash"));
  if (hash === null) return null;
  return {
    hash,
    type: asString(pick(raw, "type", "kind")) ?? "vote",
    electionId: asNumber(pick(raw, "election_id", "electionId")),
    nullifier: asString(pick(raw, "voter_id", "voterId")),
    ballotHash: asString(pick(raw, "ballot_hash", "ballotHash")),
    from: asString(pick(raw, "from", "sender")),
    timestamp: asNumber(pick(raw, "timestamp")),
    encryptedVoteBytes: hexBytes(pick(raw, "encrypted_vote")),
    proofBytes: hexBytes(pick(raw, "proof")),
    candidates: asNumber(pick(raw, "candidates")),
    maxSelections: asNumber(pick(raw, "max_selections")),
    publicKey: asString(pick(raw, "public_key")),
  };
}

export function readBlock(raw: unknown, finalizedHeight?: number | null): BlockView | null {
  if (!isObject(raw)) return null;
  const inner = isObject(raw.block) ? raw.block : raw;
  const header = isObject(inner.header) ? { ...inner, ...inner.header } : inner;
  const number = asNumber(pick(header, "index", "number", "height", "block_number"));
  const hash = asString(pick(header, "block_hash", "hash"));
  if (number === null || hash === null) return null;
  const rawTxs = pick(header, "transactions", "txs");
  const transactions = Array.isArray(rawTxs)
    ? rawTxs.map(readTransaction).filter((t): t is TxView => t !== null)
    : [];
  const txHashesRaw = pick(header, "tx_hashes", "transaction_hashes");
  const txHashes = Array.isArray(txHashesRaw)
    ? txHashesRaw.filter((h): h is string => typeof h === "string")
    : transactions.map((t) => t.hash);
  const commit = pick(header, "commit", "commit_certificate");
  // The list endpoint gives the certificate's size as a number (`precommits`), the detail the certificate.
  let commitSignatures: number | null = asNumber(pick(header, "precommits", "commit_signatures"));
  if (isObject(commit)) {
    const pre = pick(commit, "precommits", "signatures");
    if (Array.isArray(pre)) commitSignatures = pre.length;
  }
  const explicitFinal = pick(header, "final", "finalized", "is_final");
  let final: boolean | null = null;
  if (typeof explicitFinal === "boolean") final = explicitFinal;
  else if (commitSignatures !== null && commitSignatures > 0) final = true;
  else if (finalizedHeight !== undefined && finalizedHeight !== null) final = number <= finalizedHeight;
  return {
    number,
    hash,
    prevHash: asString(pick(header, "prev_hash", "parentHash", "parent_hash")),
    timestampMs: toMillis(pick(header, "timestamp_ms", "timestamp")),
    proposer: asString(pick(header, "validator", "proposer", "miner")),
    round: asNumber(pick(header, "round")),
    transactionsRoot: asString(pick(header, "transactions_root", "transactionsRoot", "tx_root")),
    txCount: asNumber(pick(header, "tx_count", "transaction_count")) ?? txHashes.length,
    txHashes,
    transactions,
    commitSignatures,
    final,
  };
}

/** The blocks list endpoint may answer with an array or with {blocks: [...]}. */
export function readBlockList(raw: unknown, finalizedHeight?: number | null): BlockView[] {
  const list = Array.isArray(raw) ? raw : isObject(raw) && Array.isArray(raw.blocks) ? raw.blocks : [];
  return list
    .map((b) => readBlock(b, finalizedHeight))
    .filter((b): b is BlockView => b !== null)
    .sort((a, b) => b.number - a.number);
}
