import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { publishTally, tallyElection } from "@/lib/testing/published-tally";
import { ResultsChart } from "./results-chart";
import { ResultsTable } from "./results-table";
import { VerifyTallyButton } from "./verify-tally-button";

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

describe("VerifyTallyButton", () => {
  // A real tally: ballots encrypted, summed and decrypted with Chaum-Pedersen proofs.
  const results = publishTally([1, 2, 2]);

  it("confirms every decryption proof of a correct tally", async () => {
    const user = userEvent.setup();
    render(<VerifyTallyButton election={tallyElection} results={results} />);
    const region = screen.getByTestId("tally-verification");
    expect(region).toHaveAttribute("data-state", "none");
    await user.click(screen.getByRole("button", { name: "Verify the decryption proofs in my browser" }));
    await screen.findByText(/All 2 decryption proofs hold/);
    expect(region).toHaveAttribute("data-state", "valid");
    expect(screen.getByRole("button", { name: "Verify the decryption proofs in my browser" })).toBeEnabled();
  });

  it("says the tally does not verify when a count was changed after the decryption", async () => {
    const user = userEvent.setup();
    const forged = { ...results, candidates: [{ ...results.candidates[0], count: 2 }, { ...results.candidates[1], count: 1 }] };
    render(<VerifyTallyButton election={tallyElection} results={forged} />);
    await user.click(screen.getByRole("button", { name: /Verify the decryption proofs/ }));
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("✗ The published tally does not verify.");
    expect(alert).toHaveTextContent(/count/);
    expect(screen.getByTestId("tally-verification")).toHaveAttribute("data-state", "invalid");
  });
});
