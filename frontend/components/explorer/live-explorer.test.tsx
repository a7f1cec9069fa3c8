import { act, render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { readBlock } from "@/lib/api/blocks";
import type { ExplorerData } from "@/lib/explorer-data";
import { apiBlock7 } from "@/components/testing/chain-block";
import { healthyStats } from "@/components/testing/chain-stats";
import { fakeApi, problem } from "@/components/testing/fake-api";
import { LiveExplorer } from "./live-explorer";

// The explorer refreshes in place: it asks the API again and updates its figures and blocks,
// with no page reload and no router refresh (there is no router here at all).

const initial: ExplorerData = { stats: healthyStats, statsError: null, blocks: [readBlock(apiBlock7)!], blocksError: null };
const block8 = { ...apiBlock7, number: 8, hash: "0x" + "88".repeat(32) };
const renderedAt = Date.UTC(2026, 2, 1, 10, 0, 0);

const blockNumbers = () => within(screen.getByTestId("block-table")).getAllByRole("link").map((a) => a.textContent);

describe("LiveExplorer", () => {
  it("asks for the stats and the latest blocks every 5 s and shows them in place", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"], shouldAdvanceTime: true, now: renderedAt });
    const api = fakeApi({
      "GET /api/blockchain/stats": { body: { ...healthyStats, total_blocks: 44, finalized_height: 43 } },
      "GET /api/blockchain/blocks?limit=20": { body: [block8, apiBlock7] },
    });
    render(<LiveExplorer initial={initial} renderedAt={renderedAt} />);
    expect(blockNumbers()).toEqual(["#7"]);
    expect(screen.getByTestId("explorer-updated")).toHaveTextContent("Updated 1 Mar 2026, 10:00:00 UTC");

    await act(() => vi.advanceTimersByTimeAsync(5000));
    expect(blockNumbers()).toEqual(["#8", "#7"]);
    expect(screen.getByTestId("chain-stats")).toHaveTextContent("44blocks");
    expect(screen.getByTestId("explorer-updated")).toHaveTextContent("Updated 1 Mar 2026, 10:00:05 UTC");
    expect(api.requests.map((r) => r.path).sort()).toEqual(["/api/blockchain/blocks?limit=20", "/api/blockchain/stats"]);
  });

  it("stops asking while paused and starts again on resume", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"], shouldAdvanceTime: true });
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    const api = fakeApi({ "GET /api/blockchain/stats": { body: healthyStats }, "GET /api/blockchain/blocks?limit=20": { body: [apiBlock7] } });
    render(<LiveExplorer initial={initial} renderedAt={renderedAt} />);
    const toggle = screen.getByRole("button", { name: "Live (every 5 s) — pause" });
    expect(toggle).toHaveAttribute("aria-pressed", "false");
    await user.click(toggle);
    expect(toggle).toHaveAttribute("aria-pressed", "true");
    expect(toggle).toHaveTextContent("Paused — resume live updates");
    await act(() => vi.advanceTimersByTimeAsync(20_000));
    expect(api.requests).toEqual([]);
    await user.click(toggle);
    await act(() => vi.advanceTimersByTimeAsync(5000));
    expect(api.requests).toHaveLength(2);
  });

  it("keeps what it showed when a refresh fails, says so, and recovers", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"], shouldAdvanceTime: true });
    let down = true;
    fakeApi({
      "GET /api/blockchain/stats": () => (down ? problem(503, "No validator answered.") : { body: healthyStats }),
      "GET /api/blockchain/blocks?limit=20": () => (down ? problem(503, "The chain could not be read.") : { body: [block8, apiBlock7] }),
    });
    render(<LiveExplorer initial={initial} renderedAt={renderedAt} />);
    await act(() => vi.advanceTimersByTimeAsync(5000));
    expect(screen.getByText("Could not refresh: No validator answered. Retrying.")).toBeInTheDocument();
    expect(blockNumbers()).toEqual(["#7"]);
    expect(screen.getByTestId("chain-stats")).toHaveTextContent("43blocks");
    down = false;
    await act(() => vi.advanceTimersByTimeAsync(5000));
    expect(screen.queryByText(/Could not refresh/)).toBeNull();
    expect(blockNumbers()).toEqual(["#8", "#7"]);
  });

  it("shows the first load's errors in words", () => {
    render(<LiveExplorer initial={{ stats: null, statsError: "No validator answered.", blocks: [], blocksError: "The chain could not be read." }} renderedAt={renderedAt} />);
    const alerts = screen.getAllByRole("alert").map((a) => a.textContent);
    expect(alerts).toEqual([
      "The chain's statistics could not be read.No validator answered.",
      "The latest blocks could not be read.The chain could not be read.",
    ]);
  });
});
