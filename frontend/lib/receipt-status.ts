// What the receipt page shows for a vote's status, and how often it asks again.
// pending → included (in a proposed block) → final (the block has a commit certificate).

import type { ReceiptStatus } from "./api/types";

export type StepState = "done" | "current" | "upcoming" | "failed";

export interface ReceiptStep {
  key: "pending" | "included" | "final";
  label: string;
  description: string;
  state: StepState;
}

const order = ["pending", "included", "final"] as const;

const text: Record<(typeof order)[number], { label: string; description: string }> = {
  pending: { label: "Received", description: "The vote was accepted and sent to the validators." },
  included: { label: "In a block", description: "A validator put the vote in a proposed block." },
  final: { label: "Final", description: "A quorum of validators signed the block; it can never change." },
};

export function receiptSteps(status: ReceiptStatus | string): ReceiptStep[] {
  const failed = status === "rejected";
  const reached = failed ? 0 : Math.max(0, order.indexOf(status as (typeof order)[number]));
  return order.map((key, i) => {
    let state: StepState;
    if (failed) state = i === 0 ? "failed" : "upcoming";
    else if (i < reached || (i === reached && key === "final")) state = "done";
    else if (i === reached) state = "current";
    else state = "upcoming";
    return { key, ...text[key], state };
  });
}

export function isTerminal(status: ReceiptStatus | string): boolean {
  return status === "final" || status === "rejected";
}

/**
 * Milliseconds until the next poll, or null to stop. Starts quick (a block comes every few
 * seconds) and backs off so a tab left open does not hammer the API.
 */
export function nextPollDelay(status: ReceiptStatus | string | null, attempt: number): number | null {
  if (status !== null && isTerminal(status)) return null;
  const base = status === null ? 3000 : 1500;
  return Math.min(base * Math.pow(1.3, Math.max(0, attempt)), 15_000);
}

export function statusSentence(status: ReceiptStatus | string): string {
  switch (status) {
    case "pending":
      return "Your vote is waiting to be put in a block.";
    case "included":
      return "Your vote is in a block that the validators are finalizing.";
    case "final":
      return "Your vote is final: it is in a block signed by a quorum of validators.";
    case "rejected":
      return "The chain rejected this transaction.";
    default:
      return `Status: ${status}.`;
  }
}
