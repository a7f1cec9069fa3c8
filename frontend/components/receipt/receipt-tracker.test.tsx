import { act, render, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { readBlock } from "@/lib/api/blocks";
import { receiptFor } from "@/lib/testing/rfc6962-tree";
import { apiBlock7 } from "@/components/testing/chain-block";
import { fakeApi, problem } from "@/components/testing/fake-api";
import { ReceiptTracker } from "./receipt-tracker";

// The tracker as a voter sees it for each status the API gives a receipt, with the inclusion
// proof really checked (receipt and block built from an independent RFC 6962 tree).

const final = receiptFor(3, { finalized_at: "2026-03-01T10:00:04Z", submitted_at: "2026-03-01T09:59:58Z" });
const tx = final.transaction_id;
const receiptPath = `GET /api/votes/receipt/${encodeURIComponent(tx)}`;

const steps = () => within(screen.getByRole("list", { name: "Progress of the vote" })).getAllByRole("listitem");
const fact = (term: string) => screen.getByText(term, { selector: "dt" }).nextElementSibling!;

/** Advances the tracker's polling timer (the fake timers also move with real time, for findBy…). */
const pollTimers = () => vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"], shouldAdvanceTime: true });

describe("ReceiptTracker", () => {
  it("pending: says the vote waits for a block, then follows it to final and checks the proof", async () => {
    pollTimers();
    const api = fakeApi({ [receiptPath]: { body: final }, "GET /api/blockchain/blocks/7": { body: apiBlock7 } });
    render(<ReceiptTracker txHash={tx} electionTitle="Harbour board" initial={{ ...final, status: "pending", block_number: null, block_hash: null, tx_index: null, merkle_proof: [], finalized_at: null }} />);

    expect(screen.getByText("Your vote is waiting to be put in a block.")).toBeInTheDocument();
    expect(steps().map((s) => s.getAttribute("class"))).toEqual(["current", "upcoming", "upcoming"]);
    expect(fact("Block")).toHaveTextContent("not yet");
    expect(screen.getByTestId("inclusion-result")).toHaveAttribute("data-state", "waiting");
    expect(api.requests).toEqual([]);

    await act(() => vi.advanceTimersByTimeAsync(1500)); // the first poll
    expect(await screen.findByText("Your vote is final: it is in a block signed by a quorum of validators.")).toBeInTheDocument();
    expect(await screen.findByText(/Verified in your browser/)).toBeInTheDocument();
    expect(api.requests.map((r) => r.path)).toEqual([`/api/votes/receipt/${tx}`, "/api/blockchain/blocks/7"]);
  });

  it("included: shows the block and checks the proof while waiting for finality", async () => {
    fakeApi({ "GET /api/blockchain/blocks/7": { body: { ...apiBlock7, commit: null } } });
    render(<ReceiptTracker txHash={tx} electionTitle="Harbour board" initial={{ ...final, status: "included", finalized_at: null }} />);
    expect(screen.getByText("Your vote is in a block that the validators are finalizing.")).toBeInTheDocument();
    expect(steps().map((s) => s.getAttribute("class"))).toEqual(["done", "current", "upcoming"]);
    expect(fact("Block")).toHaveTextContent("#7");
    expect(fact("Position in block")).toHaveTextContent("3");
    expect(fact("Final since")).toHaveTextContent("—");
    await waitFor(() => expect(screen.getByTestId("inclusion-result")).toHaveAttribute("data-state", "valid"));
    expect(screen.getByTestId("inclusion-result")).toHaveTextContent("transaction 4 of 5 in the block, 3 proof steps");
  });

  it("final: every step done, the block's time and the finality time, the proof verified, no more polling", async () => {
    const api = fakeApi({ "GET /api/blockchain/blocks/7": { body: apiBlock7 } });
    render(<ReceiptTracker txHash={tx} electionTitle="Harbour board" initial={final} />);
    expect(steps().map((s) => s.getAttribute("class"))).toEqual(["done", "done", "done"]);
    expect(screen.getByTestId("receipt-status")).toHaveAttribute("data-status", "final");
    expect(fact("Final since")).toHaveTextContent("1 Mar 2026, 10:00:04 UTC");
    expect(await screen.findByText(/Verified in your browser/)).toBeInTheDocument();
    expect(fact("Block time")).toHaveTextContent("1 Mar 2026, 10:00:00 UTC");
    expect(api.requests.map((r) => r.path)).toEqual(["/api/blockchain/blocks/7"]);
  });

  it("final, as the server renders it: the block's time and the election's title are there before any request", async () => {
    const api = fakeApi({});
    render(<ReceiptTracker txHash={tx} initial={final} initialBlock={readBlock(apiBlock7)} electionTitle="Harbour board" />);
    expect(fact("Block time")).toHaveTextContent("1 Mar 2026, 10:00:00 UTC");
    expect(fact("Election")).toHaveTextContent("Harbour board");
    expect(within(fact("Election") as HTMLElement).getByRole("link")).toHaveAttribute("href", "/elections/1");
    expect(fact("Proposed by")).toHaveTextContent("0xV");
    await waitFor(() => expect(screen.getByTestId("inclusion-result")).toHaveAttribute("data-state", "valid"));
    expect(api.requests).toEqual([]);
  });

  it("asks for the election's title when the server could not give it", async () => {
    const api = fakeApi({
      "GET /api/blockchain/blocks/7": { body: apiBlock7 },
      "GET /api/elections/1": { body: { id: 1, title: "Harbour board", status: "open" } },
    });
    render(<ReceiptTracker txHash={tx} initial={final} />);
    expect(fact("Election")).toHaveTextContent("Election 1");
    await waitFor(() => expect(fact("Election")).toHaveTextContent("Harbour board"));
    expect(api.requests.map((r) => r.path).sort()).toEqual(["/api/blockchain/blocks/7", "/api/elections/1"]);
  });

  it("final with a tampered path: says the proof does not hold", async () => {
    fakeApi({ "GET /api/blockchain/blocks/7": { body: apiBlock7 } });
    render(<ReceiptTracker txHash={tx} electionTitle="Harbour board" initial={{ ...final, merkle_proof: ["0x" + "00".repeat(32), ...final.merkle_proof!.slice(1)] }} />);
    expect(await screen.findByRole("alert")).toHaveTextContent("✗ The inclusion proof does not hold. The Merkle proof does not lead to the block's transactions root.");
  });

  it("rejected: marks the first step failed and says so", () => {
    fakeApi({});
    render(<ReceiptTracker txHash={tx} electionTitle="Harbour board" initial={{ ...final, status: "rejected", block_number: null, finalized_at: null }} />);
    expect(screen.getByText("The chain rejected this transaction.")).toBeInTheDocument();
    expect(steps()[0]).toHaveClass("failed");
    expect(steps()[0]).toHaveTextContent("✗ Received");
  });

  it("unknown: keeps checking, and says so, until the vote appears", async () => {
    pollTimers();
    let known = false;
    fakeApi({ [receiptPath]: () => (known ? { body: { ...final, status: "pending", block_number: null } } : problem(404, "No such vote.")) });
    render(<ReceiptTracker txHash={tx} initial={null} />);
    expect(screen.getByText("No vote with this transaction id is known yet. This page keeps checking.")).toBeInTheDocument();
    await act(() => vi.advanceTimersByTimeAsync(3000));
    expect(screen.getByText(/is known yet/)).toBeInTheDocument();
    known = true;
    await act(() => vi.advanceTimersByTimeAsync(3900));
    expect(await screen.findByText("Your vote is waiting to be put in a block.")).toBeInTheDocument();
  });
});
