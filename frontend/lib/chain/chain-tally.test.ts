/**
 * The results page's tally check from the chain (issue #14 item 4): a real g = 3, q = 2 record served as JSON-RPC
 * blocks, read, summed and checked; then the forgeries a dishonest publisher could put in election_tally. The CLI's
 * counterpart is EVoting.Tests/Audit/ElectionRecordAuditTests.cs.
 */
import { describe, expect, it } from "vitest";
import { BallotErrors, TrusteeErrors } from "@/lib/crypto";
import { toElection } from "@/lib/crypto/election";
import { encodeTallyPoint, G, mulSecret, parseTallyPointHex, randomScalar, toHex } from "@/lib/crypto/group";
import { createPartialDecryption } from "@/lib/crypto/threshold";
import { chainBlocks, chainCounts, electionId, encryptedVotes, record, servingBlocks, tallyTx, validResults } from "@/lib/testing/chain-blocks";
import { readChainElection } from "./chain-reader";
import { checkChainTally } from "./chain-tally";

const read = (blocks = chainBlocks()) => readChainElection(electionId, servingBlocks(blocks));
const hex = (n: bigint) => n.toString(16).padStart(64, "0");

describe("the tally recomputed from the chain", () => {
  it("verifies a real record and reports what it read and checked", async () => {
    const chain = await read();
    const phases: string[] = [];
    const check = checkChainTally(chain, chainCounts, (phase) => phases.push(phase));
    expect(check).toMatchObject({
      ok: true, problem: null, blocksRead: 8, validators: ["127.0.0.1:8001"], ballots: 5, candidates: 4,
      guardians: 3, quorum: 2, ceremonyProofs: 6, decryptionProofs: 8, set: [1, 2], counts: [2, 1, 1, 0],
    });
    expect(phases).toContain("summing");
    expect(phases).toContain("tally");
  });

  it("fails when election_tally's count was changed", async () => {
    const forged = validResults.map((r, i) => (i === 1 ? { ...r, count: r.count + 1 } : r));
    const check = checkChainTally(await read(chainBlocks({ tally: tallyTx(forged) })), forged.map((r) => r.count));
    expect(check).toMatchObject({ ok: false, problem: `election_tally does not verify: ${BallotErrors.CountMismatch}.` });
  });

  it("fails when D was computed with a key the publisher chose", async () => {
    const x = randomScalar();
    const e = toElection({ electionId, publicKeyHex: record.election.public_key, candidates: record.candidates });
    const forged = validResults.map((r) => {
      const [A, B] = [parseTallyPointHex(r.a), parseTallyPointHex(r.b)];
      const shares = r.set.map((guardian) => {
        const s = createPartialDecryption(e, guardian, x, mulSecret(G, x), A, B, randomScalar());
        return { guardian, m: toHex(encodeTallyPoint(s.M)), c: hex(s.c), v: hex(s.v) };
      });
      return { ...r, shares };
    });
    const check = checkChainTally(await read(chainBlocks({ tally: tallyTx(forged) })), chainCounts);
    expect(check).toMatchObject({ ok: false, problem: `election_tally does not verify: ${TrusteeErrors.PartialDecryptionInvalid}.` });
  });

  it("fails when the aggregate is not the sum of the ballots on chain", async () => {
    // One ballot fewer on chain than the tally was computed from: first the total, then (total adjusted) the sums.
    const fewer = encryptedVotes.slice(0, 4);
    expect(checkChainTally(await read(chainBlocks({ votes: fewer })), chainCounts)).toMatchObject({
      ok: false, problem: "election_tally counts 5 ballots but the chain holds 4 final ballots.",
    });
    expect(checkChainTally(await read(chainBlocks({ votes: fewer, tally: tallyTx(validResults, 4) })), chainCounts)).toMatchObject({
      ok: false, problem: "Candidate 1: election_tally's aggregate is not the sum of the 4 ballots on chain.",
    });
  });

  it("fails when the page shows other counts than the chain's", async () => {
    expect(checkChainTally(await read(), [1, 2, 1, 0])).toMatchObject({
      ok: false, problem: "The counts on this page (1, 2, 1, 0) are not the chain's (2, 1, 1, 0).",
    });
  });

  it("fails when the ceremony in election_open does not verify", async () => {
    const ceremony = structuredClone(record.ceremony);
    ceremony.commitments[0][1].v = ceremony.commitments[0][0].v;
    const check = checkChainTally(await read(chainBlocks({ ceremony })), chainCounts);
    expect(check.ok).toBe(false);
    expect(check.problem).toMatch(/^The key ceremony in election_open does not verify: /);
  });

  it("fails when the chain has no tally, or no election_open for the election", async () => {
    const blocks = chainBlocks();
    expect(checkChainTally(await read(blocks.slice(0, -1)), chainCounts).problem).toBe(`The chain holds no election_tally for election ${electionId} yet.`);
    expect(checkChainTally(await readChainElection(99, servingBlocks(blocks)), chainCounts).problem).toBe(
      "The chain's 8 blocks hold no election_open for election 99.",
    );
  });
});
