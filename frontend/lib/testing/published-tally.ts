// Test support: a real small election and a tally of it published the way the API's tally does
// (ballots encrypted as the browser does, summed, decrypted with Chaum-Pedersen proofs).

import { p256 } from "@noble/curves/nist.js";
import { toElection } from "@/lib/crypto/election";
import { G, mod, parsePointHex, pointHex, randomScalar, scalarHex } from "@/lib/crypto/group";
import { decryptionChallenge } from "@/lib/crypto/tally";
import type { Results } from "@/lib/api/types";
import { electionParams, encryptChoice } from "@/lib/voter-ballot";

const secret = 0x5EC12E7n;

export const tallyElection = {
  id: 4,
  public_key: pointHex(p256.Point.BASE.multiply(secret)),
  max_selections: 1,
  candidates: [{ id: 1, position: 1, name: "Ann" }, { id: 2, position: 2, name: "Bo" }],
};

/** Results for ballots choosing the given candidate ids, with valid decryption proofs. */
export function publishTally(choices: number[], election = tallyElection): Results {
  const ballots = choices.map((c) => encryptChoice(election, [c]).ballot);
  const e = toElection(electionParams(election));
  const counts = election.candidates.map((c) => choices.filter((x) => x === c.id).length);
  const aggregate = election.candidates.map((_, i) => {
    const A = ballots.map((b) => parsePointHex(b.ciphertexts[i].alpha)).reduce((x, y) => x.add(y));
    const B = ballots.map((b) => parsePointHex(b.ciphertexts[i].beta)).reduce((x, y) => x.add(y));
    return { A, B };
  });
  const decryption = aggregate.map(({ A, B }) => {
    const D = A.multiply(secret);
    const u = randomScalar();
    const c = decryptionChallenge(e, A, B, G.multiply(u), A.multiply(u), D);
    return { D: pointHex(D), c: scalarHex(c), v: scalarHex(mod(u - c * secret)) };
  });
  return {
    election_id: election.id,
    status: "tallied",
    total_ballots: choices.length,
    candidates: election.candidates.map((c, i) => ({ id: c.id, name: c.name, count: counts[i] })),
    aggregate: aggregate.map(({ A, B }) => ({ alpha: pointHex(A), beta: pointHex(B) })),
    decryption,
    verified: true,
    computed_at: "2026-03-02T12:00:00Z",
    tally_transaction: null,
    tally_transaction_status: null,
    guardians: [1],
  };
}
