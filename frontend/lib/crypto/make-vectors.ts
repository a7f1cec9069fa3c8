/**
 * Writes the TypeScript-made shared vectors: testdata/ballots/ts-ballots.json (CSPRNG ballots) and
 * ts-deterministic.json (label-derived randomness). The C# suite verifies both. Run from frontend/:
 *
 *   npx esbuild lib/crypto/make-vectors.ts --bundle --platform=node --format=esm \
 *     --outfile=node_modules/.cache/make-vectors.mjs && node node_modules/.cache/make-vectors.mjs
 */
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { p256 } from "@noble/curves/nist.js";
import { encryptBallot, encryptBallotWithRandomness, ballotHash, type EncryptBallotInput } from "./ballot-encryption";
import type { BallotJson } from "./ballot-json";
import { electionHashBytes } from "./challenge";
import { toElection, type ElectionParams } from "./election";
import { pointHex, randomScalar, toHex } from "./group";
import { vectorRandomness, vectorScalar, randomnessToJson } from "./vector-randomness";
import { encryptedVoteHex, proofHex } from "./wire";

const out = resolve(process.cwd(), "../testdata/ballots");

function electionJson(p: ElectionParams) {
  const e = toElection(p);
  return {
    election_id: Number(e.id),
    public_key: p.publicKeyHex,
    candidates: e.candidates,
    max_selections: e.maxSelections,
    election_hash: toHex(electionHashBytes(e.id, e.candidates, e.publicKey)),
  };
}

function entry(name: string, input: EncryptBallotInput, ballot: BallotJson, extra: object = {}) {
  return {
    name,
    election: electionJson(input),
    ...extra,
    ballot,
    ballot_hash: ballotHash(input, ballot),
    encrypted_vote: encryptedVoteHex(ballot),
    proof: proofHex(ballot),
  };
}

const write = (file: string, description: string, cases: object[]) =>
  writeFileSync(resolve(out, file), JSON.stringify({ description, cases }, null, 2) + "\n");

const shapes: [number, number, number, number[]][] = [
  [31, 5, 1, [0, 0, 0, 1, 0]],
  [31, 5, 1, [0, 0, 0, 0, 0]],
  [32, 3, 2, [1, 1, 0]],
  [33, 1, 1, [1]],
  [34, 6, 6, [1, 1, 1, 1, 1, 1]],
];

const randomKey = pointHex(p256.Point.BASE.multiply(randomScalar()));
write(
  "ts-ballots.json",
  "Ballots encrypted by TypeScript with crypto.getRandomValues; the C# suite must accept them and compute the same hashes.",
  shapes.map(([id, k, l, selections]) => {
    const input = { electionId: id, publicKeyHex: randomKey, candidates: k, maxSelections: l, selections };
    return entry(`election ${id}, ${k} candidates, L = ${l}, selections ${selections.join("")}`, input, encryptBallot(input));
  }),
);

const fixedKey = pointHex(p256.Point.BASE.multiply(vectorScalar("key ts-deterministic")));
write(
  "ts-deterministic.json",
  "Deterministic ballots made by TypeScript: encrypting `selections` with `randomness` must give `ballot` byte for byte.",
  shapes.map(([id, k, l, selections], i) => {
    const input = { electionId: id, publicKeyHex: fixedKey, candidates: k, maxSelections: l, selections };
    const randomness = vectorRandomness(`ts case ${i + 1}`, k, l);
    const ballot = encryptBallotWithRandomness(input, randomness);
    return entry(`ts case ${i + 1}`, input, ballot, { selections, randomness: randomnessToJson(randomness) });
  }),
);
console.log(`wrote ts-ballots.json and ts-deterministic.json to ${out}`);
