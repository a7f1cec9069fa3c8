import { screen, waitFor, within, render } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { fakeApi, held, problem } from "@/components/testing/fake-api";
import { renderWithRouter } from "@/components/testing/router";
import { CreateElectionForm } from "./create-election-form";
import { ElectionActions } from "./election-actions";
import { ValidatorHealthTable } from "./validator-health-table";

describe("CreateElectionForm", () => {
  it("shows each field's problem, tied to its field, and puts the focus on the first one", async () => {
    const user = userEvent.setup();
    const api = fakeApi({});
    renderWithRouter(<CreateElectionForm />);
    await user.click(screen.getByRole("button", { name: "Create election" }));
    const title = screen.getByLabelText("Title");
    expect(title).toHaveFocus();
    expect(title).toHaveAttribute("aria-invalid", "true");
    expect(title).toHaveAccessibleDescription("Give the election a title.");
    expect(screen.getByLabelText("Candidate 1 name")).toHaveAccessibleDescription("Enter the candidate's name.");
    expect(api.requests).toEqual([]);
  });

  it("adds and removes candidates, moving the focus to where the official will type next", async () => {
    const user = userEvent.setup();
    renderWithRouter(<CreateElectionForm />);
    await user.click(screen.getByRole("button", { name: "Add a candidate" }));
    await waitFor(() => expect(screen.getByLabelText("Candidate 3 name")).toHaveFocus());
    await user.click(screen.getByRole("button", { name: "Remove candidate 1" }));
    await waitFor(() => expect(screen.getByRole("button", { name: "Add a candidate" })).toHaveFocus());
    expect(screen.queryByLabelText("Candidate 3 name")).toBeNull();
  });

  it("sends the election in ballot order, says it was created and refreshes the list", async () => {
    const user = userEvent.setup();
    const answer = held<{ status: number; body: unknown }>();
    const api = fakeApi({ "POST /api/elections": () => answer.promise });
    const { router } = renderWithRouter(<CreateElectionForm />);
    await user.type(screen.getByLabelText("Title"), "  Harbour board  ");
    await user.type(screen.getByLabelText("Description"), "Two seats");
    await user.clear(screen.getByLabelText("Voting starts (UTC)"));
    await user.type(screen.getByLabelText("Voting starts (UTC)"), "2026-05-01T08:00");
    await user.clear(screen.getByLabelText("Voting ends (UTC)"));
    await user.type(screen.getByLabelText("Voting ends (UTC)"), "2026-05-02T20:00");
    await user.type(screen.getByLabelText("Candidate 1 name"), "Noor");
    await user.type(screen.getByLabelText("Candidate 2 name"), "Ilse");
    await user.type(screen.getByLabelText("Candidate 2 description"), "Skipper");
    await user.click(screen.getByRole("button", { name: "Create election" }));

    expect(await screen.findByRole("button", { name: "Creating (generating the election key)…" })).toBeDisabled();
    expect(api.requests).toEqual([{
      method: "POST", path: "/api/elections",
      body: {
        title: "Harbour board", description: "Two seats", starts_at: "2026-05-01T08:00:00.000Z", ends_at: "2026-05-02T20:00:00.000Z",
        max_selections: 1, eligibility: "roll", candidates: [{ name: "Noor", description: "" }, { name: "Ilse", description: "Skipper" }],
      },
    }]);
    answer.release({ status: 201, body: { id: 5, title: "Harbour board" } });
    expect(await screen.findByRole("status")).toHaveTextContent("Election “Harbour board” was created as a draft.");
    expect(router.refresh).toHaveBeenCalledOnce();
    expect(screen.getByLabelText("Title")).toHaveValue("");
  });

  it("says in words why the API refused it", async () => {
    const user = userEvent.setup();
    fakeApi({
      "POST /api/elections": {
        status: 400,
        body: { title: "One or more validation errors occurred.", status: 400, errors: { ends_at: ["must be after starts_at"] } },
      },
    });
    renderWithRouter(<CreateElectionForm />);
    await user.type(screen.getByLabelText("Title"), "T");
    await user.type(screen.getByLabelText("Candidate 1 name"), "A");
    await user.type(screen.getByLabelText("Candidate 2 name"), "B");
    await user.click(screen.getByRole("button", { name: "Create election" }));
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent(/must be after starts_at/);
    expect(alert).not.toHaveTextContent("{");
  });
});

describe("ElectionActions", () => {
  it.each([
    ["draft", ["Open voting: Board"]],
    ["open", ["Close voting: Board"]],
    ["closed", ["Run the tally: Board"]],
    ["tallied", []],
  ])("offers the one next step for a %s election", (status, buttons) => {
    renderWithRouter(<ElectionActions id={3} title="Board" status={status} />);
    expect(screen.queryAllByRole("button").map((b) => b.getAttribute("aria-label"))).toEqual(buttons);
    expect(screen.queryByRole("link", { name: "Results" }) !== null).toBe(status === "tallied");
  });

  it("opens voting, says so while it waits and when done, and refreshes the page", async () => {
    const user = userEvent.setup();
    const answer = held<{ status: number }>();
    const api = fakeApi({ "POST /api/elections/3/open": () => answer.promise });
    const { router } = renderWithRouter(<ElectionActions id={3} title="Board" status="draft" />);
    await user.click(screen.getByRole("button", { name: "Open voting: Board" }));
    expect(screen.getByRole("button")).toHaveTextContent("Opening (waiting for the chain to make it final)…");
    expect(screen.getByRole("button")).toBeDisabled();
    answer.release({ status: 200 });
    expect(await screen.findByRole("status")).toHaveTextContent("Voting is open.");
    expect(api.requests.map((r) => `${r.method} ${r.path}`)).toEqual(["POST /api/elections/3/open"]);
    expect(router.refresh).toHaveBeenCalledOnce();
  });

  it("reports a refused tally and still refreshes (the state may have moved on)", async () => {
    const user = userEvent.setup();
    fakeApi({ "POST /api/elections/3/tally": problem(409, "The election is not closed yet.", "Conflict") });
    const { router } = renderWithRouter(<ElectionActions id={3} title="Board" status="closed" />);
    await user.click(screen.getByRole("button", { name: "Run the tally: Board" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("The election is not closed yet.");
    expect(router.refresh).toHaveBeenCalledOnce();
  });
});

describe("ValidatorHealthTable", () => {
  it("lists each validator with reachability, height, peers and lag, and the error of one that is down", () => {
    render(<ValidatorHealthTable validators={[
      { node_id: "validator-1", address: "0x" + "11".repeat(20), endpoint: "http://127.0.0.1:8545", reachable: true, height: 42, peers: 2, lag: 0, error: null },
      { node_id: "validator-2", address: null, endpoint: "http://127.0.0.1:8546", reachable: false, height: null, peers: null, lag: null, error: "connection refused" },
    ]} />);
    const rows = within(screen.getByRole("table")).getAllByRole("row").slice(1).map((r) => within(r).getAllByRole("cell").map((c) => c.textContent));
    expect(rows).toEqual([
      ["validator-1", "http://127.0.0.1:8545", "yes", "42", "2", "0 blocks"],
      ["validator-2", "http://127.0.0.1:8546", "no connection refused", "—", "—", "—"],
    ]);
  });

  it("says when no validator is registered", () => {
    render(<ValidatorHealthTable validators={[]} />);
    expect(screen.getByText("No validators are registered.")).toBeInTheDocument();
  });
});
