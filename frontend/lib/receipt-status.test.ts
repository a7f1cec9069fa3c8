import { describe, expect, it } from "vitest";
import { isTerminal, nextPollDelay, receiptSteps, statusSentence } from "./receipt-status";

const states = (status: string) => receiptSteps(status).map((s) => s.state);

describe("receipt status", () => {
  it("walks pending → included → final", () => {
    expect(states("pending")).toEqual(["current", "upcoming", "upcoming"]);
    expect(states("included")).toEqual(["done", "current", "upcoming"]);
    expect(states("final")).toEqual(["done", "done", "done"]);
  });

  it("shows a rejected transaction as failed at the first step", () => {
    expect(states("rejected")).toEqual(["failed", "upcoming", "upcoming"]);
  });

  it("treats an unknown status as the first step", () => {
    expect(states("queued")).toEqual(["current", "upcoming", "upcoming"]);
  });

  it("stops polling only when final or rejected", () => {
    expect(isTerminal("final")).toBe(true);
    expect(isTerminal("rejected")).toBe(true);
    expect(isTerminal("included")).toBe(false);
    expect(nextPollDelay("final", 0)).toBeNull();
    expect(nextPollDelay("rejected", 3)).toBeNull();
  });

  it("polls quickly at first and backs off to at most 15 s", () => {
    const first = nextPollDelay("pending", 0)!;
    const later = nextPollDelay("pending", 5)!;
    expect(first).toBe(1500);
    expect(later).toBeGreaterThan(first);
    expect(nextPollDelay("included", 100)).toBe(15_000);
    expect(nextPollDelay(null, 0)).toBe(3000);
  });

  it("explains each status in a sentence", () => {
    expect(statusSentence("final")).toMatch(/final/);
    expect(statusSentence("pending")).toMatch(/waiting/);
    expect(statusSentence("odd")).toBe("Status: odd.");
  });
});
