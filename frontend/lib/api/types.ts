// Shapes of the EVoting REST API (see shared design API.md). snake_case as the API sends it.

export type ElectionStatus = "draft" | "open" | "closed" | "tallied";

export interface Candidate {
  id: number;
  position: number;
  name: string;
  description?: string | null;
}

export interface ElectionSummary {
  id: number;
  title: string;
  description?: string | null;
  status: ElectionStatus;
  starts_at: string;
  ends_at: string;
}

export interface Election extends ElectionSummary {
  candidates: Candidate[];
  public_key: string;
  election_hash: string;
  max_selections: number;
  has_voted?: boolean;
}

export interface User {
  id: number;
  email: string;
  full_name: string;
  role?: "voter" | "admin" | string;
}

export interface LoginResult {
  token_type: string;
  expires_in: number;
}

export interface RegisterRequest {
  email: string;
  password: string;
  full_name: string;
}

export interface CipherText {
  alpha: string;
  beta: string;
}

export interface RangeProof {
  c: string[];
  v: string[];
}

export interface Ballot {
  election_id?: number;
  ciphertexts: CipherText[];
  proofs: RangeProof[];
  sum_proof: RangeProof;
}

export interface SubmitVoteResult {
  id: number;
  transaction_id: string;
  ballot_hash: string;
  timestamp: string;
}

export interface VoteStatus {
  has_voted: boolean;
  transaction_id?: string | null;
}

export type ReceiptStatus = "pending" | "included" | "final" | "rejected";

export interface Receipt {
  transaction_id: string;
  ballot_hash: string;
  election_id: number;
  status: ReceiptStatus;
  block_number?: number | null;
  block_hash?: string | null;
  tx_index?: number | null;
  merkle_proof?: string[] | null;
  transactions_root?: string | null;
  validator?: string | null;
  finalized_at?: string | null;
  submitted_at?: string | null;
}

export interface CandidateCount {
  id: number;
  name: string;
  count: number;
}

export interface DecryptionShare {
  D: string;
  c: string;
  v: string;
}

export interface Results {
  status: ElectionStatus;
  total_ballots: number;
  candidates: CandidateCount[];
  aggregate: CipherText[];
  decryption: DecryptionShare[];
  verified: boolean;
  computed_at?: string | null;
}

export interface ValidatorStat {
  node_id: string;
  address: string;
  healthy: boolean;
  height?: number | null;
}

export interface ChainStats {
  total_blocks: number;
  total_votes: number;
  finalized_height: number;
  chain_valid: boolean;
  validators: ValidatorStat[];
  avg_block_time_ms?: number | null;
  /** The API's own audit has verified the chain up to here (behind finalized_height only while it catches up). */
  verified_height: number;
}

export interface ChainVerification {
  chain_valid: boolean;
  checked_blocks: number;
  errors: string[];
}

export interface ValidatorHealth {
  node_id?: string;
  address?: string;
  endpoint?: string;
  reachable: boolean;
  height?: number | null;
  peers?: number | null;
  lag?: number | null;
  error?: string | null;
}

export interface CreateElectionRequest {
  title: string;
  description: string;
  starts_at: string;
  ends_at: string;
  max_selections: number;
  candidates: { name: string; description: string }[];
}
