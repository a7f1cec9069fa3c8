import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { readBlock } from "@/lib/api/blocks";
import { apiBlock7 } from "@/components/testing/chain-block";
import { healthyStats } from "@/components/testing/chain-stats";
import { fakeApi, held, problem } from "@/components/testing/fake-api";
import { BlockTable } from "./block-table";
import { ChainStatsView } from "./chain-stats";
import { FinalityBadge } from "./finality-badge";
import { VerifyChainButton } from "./verify-chain-button";

const cells = (row: HTMLElement) => within(row).getAllByRole("cell").map((c) => c.textContent);

describe("BlockTable", () => {
  it("lists blocks with a link to each, short hashes, transaction count, finality and UTC time", () => {
    const final = readBlock(apiBlock7)!;
    const pending = readBlock({ ...apiBlock7, number: 8, hash: "0x" + "9f".repeat(32), commit: null, transactions: [] }, 7)!;
    render(<BlockTable blocks={[pending, final]} />);
    const table = screen.getByRole("table", { name: "Latest blocks, newest first" });
    const rows = within(table).getAllByRole("row").slice(1);
    expect(rows.map(cells)).toEqual([
      ["#8", "0x9f9f9f…9f9f9f", "0xa1a1a…1a1a1", "0", "not final", "1 Mar 2026, 10:00:00 UTC"],
      ["#7", "0xcdcdcd…cdcdcd", "0xa1a1a…1a1a1", "5", "final", "1 Mar 2026, 10:00:00 UTC"],
    ]);
    expect(within(rows[1]).getByRole("link", { name: "#7" })).toHaveAttribute("href", "/explorer/blocks/7");
    expect(within(rows[0]).getAllByRole("cell")[1]).toHaveAttribute("title", "0x" + "9f".repeat(32));
  });

  it("says when there are no blocks yet", () => {
    render(<BlockTable blocks={[]} />);
    expect(screen.getByText("No blocks yet.")).toBeInTheDocument();
  });
});

describe("FinalityBadge", () => {
  it.each([[true, "final", "ok"], [false, "not final", "warn"], [null, "unknown", null]] as const)("%s → %s", (final, text, tone) => {
    render(<FinalityBadge final={final} />);
    const badge = screen.getByText(text);
    expect(badge).toHaveClass("badge");
    if (tone) expect(badge).toHaveClass(tone);
  });
});

describe("ChainStatsView", () => {
  it("shows the chain's figures and each validator's health", () => {
    render(<ChainStatsView stats={healthyStats} />);
    const figures = screen.getByTestId("chain-stats");
    expect(figures).toHaveTextContent("43blocks");
    expect(figures).toHaveTextContent("42finalized height");
    expect(figures).toHaveTextContent("17votes on chain");
    expect(figures).toHaveTextContent("2.5 saverage block time");
    expect(figures).toHaveTextContent("✓ validchain check");
    const rows = within(screen.getByRole("table")).getAllByRole("row").slice(1);
    expect(rows.map(cells)).toEqual([
      ["validator-1", "0x11111111…11111111", "healthy", "42"],
      ["validator-2", "0x22222222…22222222", "healthy", "42"],
      ["validator-3", "0x33333333…33333333", "unhealthy", "—"],
    ]);
  });

  it("says how far the API's audit has got while it catches up", () => {
    render(<ChainStatsView stats={{ ...healthyStats, verified_height: 30, chain_valid: false }} />);
    expect(screen.getByText("votes verified (to block 30)")).toBeInTheDocument();
    expect(screen.getByTestId("chain-check-scope")).toHaveTextContent("chain check: verified to block 30, catching up");
    expect(screen.getByText("✗ invalid")).toBeInTheDocument();
  });
});

describe("VerifyChainButton", () => {
  const button = () => screen.getByRole("button", { name: /Verify/ });

  it("reports a valid chain with the number of blocks checked", async () => {
    const user = userEvent.setup();
    const answer = held<{ body: unknown }>();
    fakeApi({ "GET /api/blockchain/verify": () => answer.promise });
    render(<VerifyChainButton />);
    await user.click(button());
    expect(button()).toHaveTextContent("Verifying the chain…");
    expect(button()).toBeDisabled();
    answer.release({ body: { chain_valid: true, checked_blocks: 43, total_votes: 17, errors: [] } });
    expect(await screen.findByText(/The chain is valid: 43 blocks checked/)).toBeInTheDocument();
    expect(button()).toBeEnabled();
  });

  it("lists what failed in an invalid chain", async () => {
    const user = userEvent.setup();
    fakeApi({ "GET /api/blockchain/verify": { body: { chain_valid: false, checked_blocks: 12, total_votes: 3, errors: ["block 12: bad commit", "block 12: root mismatch"] } } });
    render(<VerifyChainButton />);
    await user.click(button());
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("✗ The chain check failed after 12 blocks:");
    expect(within(alert).getAllByRole("listitem").map((li) => li.textContent)).toEqual(["block 12: bad commit", "block 12: root mismatch"]);
  });

  it("says in words when the validators cannot be reached", async () => {
    const user = userEvent.setup();
    fakeApi({ "GET /api/blockchain/verify": problem(503, "No validator answered: connection refused", "Service Unavailable") });
    render(<VerifyChainButton />);
    await user.click(button());
    expect(await screen.findByRole("alert")).toHaveTextContent("No validator answered: connection refused");
  });
});
