/**
 * What the browser checks of the trustee record (docs/trustees.md): the ceremony, a tally's threshold decryption, and
 * a challenged ballot ("check this encryption"). Each returns { valid: true } or the first reason, the same string
 * and the same order of checks as the C# TrusteeVerifier (testdata/trustees/negative.json holds both to it).
 */
import { verifyBallot, type ProgressCallback, type VerifyResult } from "./ballot-encryption";
import { ceremonyHash, shareMatches, verifyCeremonyRecord } from "./ceremony";
import { toElection, type ElectionParams } from "./election";
import { decryptShare } from "./encrypted-share";
import { BallotErrors, BallotFormatError } from "./errors";
import { G, N } from "./group";
import { verifyThresholdResult } from "./threshold";
import { TrusteeErrors } from "./trustee-errors";
import {
  parseCeremony,
  parseChallengedBallot,
  parseEncryptedShare,
  parseThresholdResults,
  type CeremonyJson,
  type CeremonyRecord,
  type ChallengedBallotJson,
  type EncryptedShareJson,
  type ThresholdResultJson,
} from "./trustee-json";

function failure(error: unknown): VerifyResult {
  if (error instanceof BallotFormatError) return { valid: false, reason: error.reason };
  throw error;
}

const fail = (reason: string): VerifyResult => ({ valid: false, reason });

/** Every coefficient proof, then the stated K and every K*_ℓ against the commitments. */
export function verifyCeremony(ceremony: CeremonyJson | string): VerifyResult {
  try {
    verifyCeremonyRecord(parseCeremony(ceremony));
    return { valid: true };
  } catch (error) {
    return failure(error);
  }
}

/**
 * A tally's threshold decryption: the ceremony, that it is this election's (id and key), one result per candidate,
 * and for each the shares in S against K*_ℓ, the combination and T·K = B − D. onProgress counts candidates.
 */
export function verifyThresholdResults(
  election: ElectionParams,
  ceremony: CeremonyJson | string,
  results: ThresholdResultJson[] | string,
  onProgress?: ProgressCallback,
): VerifyResult {
  try {
    const e = toElection(election);
    const record = parseCeremony(ceremony);
    const keys = verifyCeremonyRecord(record);
    if (record.electionId !== e.id) return fail(BallotErrors.WrongElection);
    if (!keys.electionKey.equals(e.K)) return fail(TrusteeErrors.ElectionKeyMismatch);
    const parsed = parseThresholdResults(results);
    if (parsed.length !== e.candidates) return fail(BallotErrors.WrongCandidateCount);
    const context = { guardians: record.guardians, quorum: record.quorum, verificationKeys: keys.verificationKeys };
    for (let i = 0; i < parsed.length; i++) {
      const reason = verifyThresholdResult(e, context, parsed[i]);
      if (reason) return fail(reason);
      onProgress?.(i + 1, parsed.length);
    }
    return { valid: true };
  } catch (error) {
    return failure(error);
  }
}

/**
 * The voter's "check this encryption": the ballot's proofs, then α_i = ξ_i·G and β_i = (m_i + ξ_i)·K for every
 * candidate. onProgress is the ballot check's (one step per proof).
 */
export function verifyChallengedBallot(election: ElectionParams, challenged: ChallengedBallotJson | string, onProgress?: ProgressCallback): VerifyResult {
  try {
    const e = toElection(election);
    const c = parseChallengedBallot(challenged);
    if (c.electionId !== e.id) return fail(BallotErrors.WrongElection);
    const ballot = verifyBallot(election, c.ballotJson, onProgress);
    if (!ballot.valid) return ballot;
    if (c.selections.length !== e.candidates || c.nonces.length !== e.candidates) return fail(BallotErrors.WrongCandidateCount);
    for (let i = 0; i < e.candidates; i++) {
      const [m, xi] = [c.selections[i], c.nonces[i]];
      if ((m !== 0 && m !== 1) || xi <= 0n || xi >= N) return fail(TrusteeErrors.SpoiledNonceMismatch);
      const { alpha, beta } = c.ballot.ciphertexts[i];
      const exponent = (xi + BigInt(m)) % N;
      if (!G.multiplyUnsafe(xi).equals(alpha) || exponent === 0n || !e.K.multiplyUnsafe(exponent).equals(beta)) {
        return fail(TrusteeErrors.SpoiledNonceMismatch);
      }
    }
    return { valid: true };
  } catch (error) {
    return failure(error);
  }
}

export type OpenShareResult = { share: bigint } | { reason: string };

/**
 * Guardian ℓ's check of a share it received (docs/trustees.md "Key ceremony", step 3): decrypt with a_{ℓ,0}, then
 * P_i(ℓ)·G = Σ_j ℓ^j·K_{i,j} against the sender's commitments in the ceremony record.
 */
export async function openShare(ceremony: CeremonyRecord, share: EncryptedShareJson | string, recipientSecret: bigint): Promise<OpenShareResult> {
  let parsed;
  try {
    parsed = parseEncryptedShare(share);
  } catch (error) {
    if (error instanceof BallotFormatError) return { reason: error.reason };
    throw error;
  }
  const { from, to } = parsed;
  if (from < 1 || from > ceremony.guardians || to < 1 || to > ceremony.guardians || from === to) return { reason: TrusteeErrors.BadGuardianIndex };
  const value = await decryptShare(ceremonyHash(ceremony.electionId, ceremony.guardians, ceremony.quorum), parsed, recipientSecret);
  if (value === null) return { reason: TrusteeErrors.ShareUnreadable };
  return shareMatches(value, to, ceremony.commitments[from - 1].map((k) => k.commitment)) ? { share: value } : { reason: TrusteeErrors.ShareMismatch };
}
