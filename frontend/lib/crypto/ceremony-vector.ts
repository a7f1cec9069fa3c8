/**
 * The g = 3, q = 2 ceremony and threshold tally of testdata/trustees, built from label-derived randomness exactly as
 * EVoting.Tests/Ballots/Trustees/CeremonyVector.cs builds it: the same label gives the same file on both sides
 * (make-trustee-vectors.ts writes ts-ceremony.json; trustee-vectors.test.ts remakes both files).
 */
import { encryptBallotWithRandomness } from "./ballot-encryption";
import { parseBallot, type BallotJson } from "./ballot-json";
import { electionHashBytes } from "./challenge";
import { ceremonyHash, ceremonyKeys, evaluatePolynomial, proveCoefficient } from "./ceremony";
import { toElection } from "./election";
import { encryptShare } from "./encrypted-share";
import { encodeTallyPoint, mod, pointHex, scalarHex, toHex, ZERO, type Point } from "./group";
import { combineThreshold, createPartialDecryption } from "./threshold";
import {
  ceremonyToJson,
  encryptedShareToJson,
  partialDecryptionToJson,
  thresholdResultToJson,
  type CeremonyRecord,
  type ChallengedBallotJson,
} from "./trustee-json";
import { randomnessToJson, vectorRandomness, vectorScalar } from "./vector-randomness";

export const GUARDIANS = 3;
export const QUORUM = 2;
export const BALLOT_SELECTIONS = [
  [1, 0, 0, 0],
  [0, 1, 0, 0],
  [1, 0, 0, 0],
  [0, 0, 0, 0],
  [0, 0, 1, 0],
];
export const EMPTY_TALLY_SET = [1, 3];
export const CHALLENGE_SELECTIONS = [0, 1, 0, 0];
export const SUBSETS = [
  [1, 2],
  [1, 3],
  [2, 3],
];
const CANDIDATES = CHALLENGE_SELECTIONS.length;

const range = <T>(count: number, make: (i: number) => T): T[] => Array.from({ length: count }, (_, i) => make(i + 1));
const tallyHex = (p: Point): string => toHex(encodeTallyPoint(p));

/** The vector file as a plain object, keys in the C# maker's order; `description` is the only side-specific field. */
export async function makeCeremonyVector(label: string, electionId: number, description: string) {
  const id = BigInt(electionId);
  const hp = ceremonyHash(id, GUARDIANS, QUORUM);
  const coefficients = range(GUARDIANS, (i) => range(QUORUM, (j) => vectorScalar(`${label} guardian ${i} coefficient ${j - 1}`)));
  const proofNonces = range(GUARDIANS, (i) => range(QUORUM, (j) => vectorScalar(`${label} guardian ${i} proof ${j - 1}`)));
  const commitments = range(GUARDIANS, (i) =>
    range(QUORUM, (j) => proveCoefficient(hp, i, j - 1, coefficients[i - 1][j - 1], proofNonces[i - 1][j - 1])),
  );
  const draft: CeremonyRecord = { electionId: id, guardians: GUARDIANS, quorum: QUORUM, commitments, electionKey: ZERO, verificationKeys: [] };
  const keys = ceremonyKeys(draft);
  const record: CeremonyRecord = { ...draft, ...keys };

  const shares = [];
  for (let from = 1; from <= GUARDIANS; from++) {
    for (let to = 1; to <= GUARDIANS; to++) {
      if (to === from) continue;
      const r = vectorScalar(`${label} share ${from} to ${to}`);
      const share = evaluatePolynomial(coefficients[from - 1], to);
      const encrypted = await encryptShare(hp, from, to, share, commitments[to - 1][0].commitment, r);
      shares.push({ share: scalarHex(share), ephemeral: scalarHex(r), encrypted: encryptedShareToJson(encrypted) });
    }
  }
  const secretShares = range(GUARDIANS, (l) => mod(coefficients.reduce((sum, p) => sum + evaluatePolynomial(p, l), 0n)));

  const params = { electionId: id, publicKeyHex: pointHex(keys.electionKey), candidates: CANDIDATES, maxSelections: 1 };
  const e = toElection(params);
  const ballots = BALLOT_SELECTIONS.map((selections, b) => {
    const randomness = vectorRandomness(`${label} ballot ${b + 1}`, CANDIDATES, 1);
    return { selections, randomness: randomnessToJson(randomness), ballot: encryptBallotWithRandomness({ ...params, selections }, randomness) };
  });
  const A = range(CANDIDATES, () => ZERO);
  const B = range(CANDIDATES, () => ZERO);
  for (const { ballot } of ballots) {
    parseBallot(ballot).ciphertexts.forEach((ct, i) => {
      A[i] = A[i].add(ct.alpha);
      B[i] = B[i].add(ct.beta);
    });
  }

  const partialNonces = range(GUARDIANS, (l) => range(CANDIDATES, (c) => vectorScalar(`${label} partial ${l} candidate ${c}`)));
  const partials = range(GUARDIANS, (l) =>
    range(CANDIDATES, (c) => createPartialDecryption(e, l, secretShares[l - 1], keys.verificationKeys[l - 1], A[c - 1], B[c - 1], partialNonces[l - 1][c - 1])),
  );
  const context = { guardians: GUARDIANS, quorum: QUORUM, verificationKeys: keys.verificationKeys };
  const combinations = SUBSETS.map((set) => {
    const byCandidate = range(CANDIDATES, (c) => set.map((l) => partials[l - 1][c - 1]));
    const { results, D } = combineThreshold(e, context, { A, B, ballotCount: ballots.length }, byCandidate);
    return { set, d: D.map(tallyHex), results: results.map(thresholdResultToJson) };
  });

  // An election without ballots: A = B = M = the point at infinity, written 00 in the proofs' hash input.
  const none = range(CANDIDATES, () => ZERO);
  const emptyShares = range(CANDIDATES, (c) =>
    EMPTY_TALLY_SET.map((l) =>
      createPartialDecryption(e, l, secretShares[l - 1], keys.verificationKeys[l - 1], ZERO, ZERO, vectorScalar(`${label} empty partial ${l} candidate ${c}`)),
    ),
  );
  const emptyTally = combineThreshold(e, context, { A: none, B: none, ballotCount: 0 }, emptyShares).results.map(thresholdResultToJson);

  const challengeRandomness = vectorRandomness(`${label} challenge`, CANDIDATES, 1);
  const challenged: ChallengedBallotJson = {
    election_id: electionId,
    ballot: encryptBallotWithRandomness({ ...params, selections: CHALLENGE_SELECTIONS }, challengeRandomness),
    selections: CHALLENGE_SELECTIONS,
    nonces: challengeRandomness.xi.map(scalarHex),
  };

  return {
    description,
    label,
    election_id: electionId,
    guardians: GUARDIANS,
    quorum: QUORUM,
    candidates: CANDIDATES,
    ceremony_hash: toHex(hp),
    polynomials: range(GUARDIANS, (i) => ({
      guardian: i,
      coefficients: coefficients[i - 1].map(scalarHex),
      proof_nonces: proofNonces[i - 1].map(scalarHex),
    })),
    ceremony: ceremonyToJson(record),
    encrypted_shares: shares,
    secret_shares: secretShares.map(scalarHex),
    election: {
      election_id: electionId,
      public_key: params.publicKeyHex,
      candidates: CANDIDATES,
      max_selections: 1,
      election_hash: toHex(electionHashBytes(id, CANDIDATES, e.publicKey)),
    },
    ballots: ballots.map((b) => ({ selections: b.selections, randomness: b.randomness, ballot: b.ballot as BallotJson })),
    aggregate: { ballot_count: ballots.length, a: A.map(tallyHex), b: B.map(tallyHex) },
    partial_decryptions: range(GUARDIANS, (l) => ({
      guardian: l,
      proof_nonces: partialNonces[l - 1].map(scalarHex),
      shares: partials[l - 1].map(partialDecryptionToJson),
    })),
    combinations,
    counts: combinations[0].results.map((r) => r.count),
    empty_tally: emptyTally,
    challenged_ballot: { randomness: randomnessToJson(challengeRandomness), challenged },
  };
}

