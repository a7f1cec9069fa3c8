import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { chainBlocks, electionId, tallyTx, validatorServing, validResults } from "@/lib/testing/chain-blocks";
import { proxyChainRpc } from "@/lib/server/chain-rpc-proxy";
import { ResultsChart } from "./results-chart";
import { ResultsTable } from "./results-table";
import { ChainTallyCheck } from "./chain-tally-check";

const counts = [
  { id: 1, name: "Ann", count: 4 },
  { id: 2, name: "Bo", count: 2 },
  { id: 3, name: "Cy", count: 1 },
];

describe("ResultsTable", () => {
  it("gives each candidate's votes and share, and the ballots cast", () => {
    render(<ResultsTable candidates={counts} total={7} />);
    const table = screen.getByRole("table", { name: "Votes per candidate" });
    const rows = within(table).getAllByRole("row").map((r) => [...r.querySelectorAll("th, td")].map((c) => c.textContent));
    expect(rows).toEqual([
      ["Candidate", "Votes", "Share"],
      ["Ann", "4", "57.1 %"],
      ["Bo", "2", "28.6 %"],
      ["Cy", "1", "14.3 %"],
      ["Ballots cast", "7", ""],
    ]);
  });

  it("shows 0 % everywhere when nobody voted", () => {
    render(<ResultsTable candidates={counts.map((c) => ({ ...c, count: 0 }))} total={0} />);
    expect(screen.getAllByText("0 %")).toHaveLength(3);
  });
});

describe("ResultsChart", () => {
  it("draws bars relative to the leader, marks the leader, and hides itself from screen readers (the table carries the numbers)", () => {
    const { container } = render(<ResultsChart candidates={counts} total={7} />);
    const figure = container.querySelector("figure")!;
    expect(figure).toHaveAttribute("aria-hidden", "true");
    const bars = [...figure.querySelectorAll<HTMLElement>(".bar")];
    expect(bars.map((b) => b.style.width)).toEqual(["100%", "50%", "25%"]);
    expect(bars.map((b) => b.classList.contains("lead-bar"))).toEqual([true, false, false]);
    expect(figure).toHaveTextContent("Ann4 · 57.1 %");
    expect(figure).toHaveTextContent("Votes per candidate, out of 7 ballots.");
  });

  it("marks no leader and draws empty bars when nobody voted", () => {
    const { container } = render(<ResultsChart candidates={counts.map((c) => ({ ...c, count: 0 }))} total={0} />);
    expect(container.querySelectorAll(".lead-bar")).toHaveLength(0);
    expect([...container.querySelectorAll<HTMLElement>(".bar")].map((b) => b.style.width)).toEqual(["0%", "0%", "0%"]);
  });
});

describe("ChainTallyCheck", () => {
  // The page's fetch goes to the real /chain-rpc proxy, and the proxy's to a validator serving a real g = 3, q = 2
  // record (testdata/trustees/csharp-ceremony.json); the first validator is down, so the second one answers.
  const names = ["Ann", "Bo", "Cy", "Di"];
  const election = { id: electionId, candidates: names.map((_, i) => ({ id: 10 + i, position: i + 1 })) };
  const shown = (counts: number[]) => ({ candidates: counts.map((count, i) => ({ id: 10 + i, name: names[i], count })).reverse() });
  afterEach(() => vi.unstubAllGlobals());

  function serve(blocks: Record<string, unknown>[]) {
    const validator = validatorServing(blocks);
    const down = () => Promise.reject(new TypeError("connection refused"));
    vi.stubGlobal("fetch", (path: string, init: RequestInit) =>
      proxyChainRpc(new Request(`http://frontend${path}`, init), {
        targets: ["http://validator-1:8001", "http://validator-2:8002"],
        fetch: ((url: string, i: RequestInit) => (url.startsWith("http://validator-1") ? down() : validator(i))) as typeof fetch,
      }),
    );
  }

  it("recomputes the tally from the chain and says what it read and checked", async () => {
    serve(chainBlocks());
    const user = userEvent.setup();
    render(<ChainTallyCheck election={election} results={shown([2, 1, 1, 0])} />);
    const region = screen.getByTestId("tally-verification");
    expect(region).toHaveAttribute("data-state", "none");
    await user.click(screen.getByRole("button", { name: "Recompute the tally from the chain in my browser" }));
    await screen.findByText(/The tally on chain verifies, recomputed from 5 final ballots/);
    expect(region).toHaveAttribute("data-state", "valid");
    const checked = screen.getByTestId("tally-checked");
    expect(checked).toHaveTextContent("Read 8 final blocks (0 to 7) from validator validator-2:8002 through JSON-RPC");
    expect(checked).toHaveTextContent("Summed the encrypted choices of 5 final ballots for each of the 4 candidates");
    expect(checked).toHaveTextContent("6 coefficient proofs of 3 guardians, quorum 2");
    expect(checked).toHaveTextContent("Verified 8 partial decryption proofs (guardians 1, 2), their Lagrange combination and T·K = B − D for every count: 2, 1, 1, 0.");
  });

  it("fails clearly on a forged election_tally", async () => {
    serve(chainBlocks({ tally: tallyTx(validResults.map((r, i) => (i === 0 ? { ...r, count: 3 } : r))) }));
    const user = userEvent.setup();
    render(<ChainTallyCheck election={election} results={shown([3, 1, 1, 0])} />);
    await user.click(screen.getByRole("button", { name: /Recompute the tally/ }));
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("✗ The tally does not verify against the chain.");
    expect(alert).toHaveTextContent("election_tally does not verify: published count does not match the decryption.");
    expect(screen.getByTestId("tally-verification")).toHaveAttribute("data-state", "invalid");
  });
});
