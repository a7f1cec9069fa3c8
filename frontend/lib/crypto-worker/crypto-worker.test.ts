import { afterEach, describe, expect, it, vi } from "vitest";
import { p256 } from "@noble/curves/nist.js";
import { verifyBallot } from "@/lib/crypto";
import { pointHex } from "@/lib/crypto/group";
import { challengedBallot } from "@/lib/ballot-challenge";
import { electionParams } from "@/lib/voter-ballot";
import { readChainElection } from "@/lib/chain/chain-reader";
import { chainBlocks, chainCounts, electionId, servingBlocks } from "@/lib/testing/chain-blocks";
import { block, receiptFor } from "@/lib/testing/rfc6962-tree";
import { CryptoClient } from "./client";
import { runJob } from "./jobs";
import type { Progress } from "./protocol";
import { serveCryptoRequests } from "./serve";

// The worker's protocol end to end in Node: the page's client and the worker's server talk over
// a real MessageChannel, so every message goes through the structured clone a Worker uses.

const election = {
  id: 9,
  public_key: pointHex(p256.Point.BASE.multiply(0xBA11075n)),
  max_selections: 2,
  candidates: [
    { id: 31, position: 2, name: "B" },
    { id: 30, position: 1, name: "A" },
    { id: 32, position: 3, name: "C" },
  ],
};

const channels: MessageChannel[] = [];
afterEach(() => {
  for (const c of channels.splice(0)) {
    c.port1.close();
    c.port2.close();
  }
  vi.unstubAllGlobals();
  vi.resetModules();
});

function connected(): CryptoClient {
  const channel = new MessageChannel();
  channels.push(channel);
  serveCryptoRequests(channel.port2);
  return new CryptoClient(channel.port1);
}

describe("crypto worker jobs", () => {
  it("prepares a ballot that verifies, reporting each proof made and then each proof checked", () => {
    const progress: Progress[] = [];
    const prepared = runJob({ kind: "prepareBallot", election, chosenIds: [30, 32] }, (p) => progress.push(p));
    expect(prepared.invalid).toBeNull();
    expect(prepared.trackingCode).toMatch(/^[0-9a-f]{64}$/);
    expect(verifyBallot(electionParams(election), prepared.ballot)).toEqual({ valid: true });
    // 3 candidate proofs + 1 sum proof, made then checked, in order.
    const steps = [1, 2, 3, 4].map((done) => ({ done, total: 4 }));
    expect(progress).toEqual([
      ...steps.map((s) => ({ phase: "encrypting", ...s })),
      ...steps.map((s) => ({ phase: "checking", ...s })),
    ]);
  });

  it("prepares a ballot that keeps its nonces for a challenge, and checks the challenge proof by proof", () => {
    const prepared = runJob({ kind: "prepareBallot", election, chosenIds: [30, 32] }, () => {});
    expect(prepared.selections).toEqual([1, 0, 1]);
    const challenged = challengedBallot(election.id, prepared);
    const progress: Progress[] = [];
    expect(runJob({ kind: "checkChallenge", election, challenged, chosenIds: [30, 32] }, (p) => progress.push(p))).toEqual({ matches: true });
    expect(progress).toEqual([1, 2, 3, 4].map((done) => ({ phase: "checking", done, total: 4 })));
    expect(runJob({ kind: "checkChallenge", election, challenged, chosenIds: [31] }, () => {})).toMatchObject({ matches: false });
  });

  it("sums a chain's ballots, then checks its tally candidate by candidate", async () => {
    const chain = await readChainElection(electionId, servingBlocks(chainBlocks()));
    const progress: Progress[] = [];
    expect(runJob({ kind: "checkChainTally", chain, shownCounts: chainCounts }, (p) => progress.push(p)).ok).toBe(true);
    expect(progress).toEqual([
      ...[1, 2, 3, 4, 5].map((done) => ({ phase: "summing", done, total: 5 })),
      ...[1, 2, 3, 4].map((done) => ({ phase: "tally", done, total: 4 })),
    ]);
  });
});

describe("crypto worker messages", () => {
  it("answers a ballot job with its progress and a result that survived the structured clone", async () => {
    const progress: Progress[] = [];
    const prepared = await connected().run({ kind: "prepareBallot", election, chosenIds: [31] }, (p) => progress.push(p));
    expect(prepared.invalid).toBeNull();
    expect(verifyBallot(electionParams(election), prepared.ballot)).toEqual({ valid: true });
    expect(progress.map((p) => p.phase)).toEqual([...Array(4).fill("encrypting"), ...Array(4).fill("checking")]);
  });

  it("answers several jobs at once, each to its own caller", async () => {
    const client = connected();
    const chain = await readChainElection(electionId, servingBlocks(chainBlocks()));
    const [good, bad, inclusion, tampered] = await Promise.all([
      client.run({ kind: "checkChainTally", chain, shownCounts: chainCounts }),
      client.run({ kind: "checkChainTally", chain, shownCounts: [0, 1, 2, 2] }),
      client.run({ kind: "checkInclusion", receipt: receiptFor(3), block }),
      client.run({ kind: "checkInclusion", receipt: receiptFor(3, { tx_index: 2 }), block }),
    ]);
    expect(good).toMatchObject({ ok: true, problem: null, ballots: 5, decryptionProofs: 8 });
    expect(bad).toMatchObject({ ok: false, problem: expect.stringMatching(/counts on this page/) });
    expect(inclusion).toMatchObject({ state: "valid", index: 3, count: 5 });
    expect(tampered.state).toBe("invalid");
  });

  it("turns a job that throws into a rejected promise with its message", async () => {
    // Three chosen when two are allowed: the form prevents it; the crypto refuses it anyway.
    await expect(connected().run({ kind: "prepareBallot", election, chosenIds: [30, 31, 32] })).rejects.toThrow(/at most 2/);
  });

  it("fails the jobs still waiting when the worker is lost", async () => {
    const channel = new MessageChannel(); // nothing serves port2: the worker never answers
    channels.push(channel);
    const client = new CryptoClient(channel.port1);
    const waiting = client.run({ kind: "checkInclusion", receipt: receiptFor(0), block });
    client.failAll("worker lost");
    await expect(waiting).rejects.toThrow("worker lost");
  });

  it("serves requests from the worker's entry file when loaded as a worker's global scope", async () => {
    const channel = new MessageChannel();
    channels.push(channel);
    vi.stubGlobal("self", channel.port2);
    await import("./crypto.worker");
    const answer = await new CryptoClient(channel.port1).run({ kind: "checkInclusion", receipt: receiptFor(1), block });
    expect(answer.state).toBe("valid");
  });
});
