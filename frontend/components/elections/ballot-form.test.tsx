import { act, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { ballotHash, verifyBallot, type BallotJson } from "@/lib/crypto";
import { electionParams } from "@/lib/voter-ballot";
import { fakeApi, held, problem } from "@/components/testing/fake-api";
import { renderWithRouter } from "@/components/testing/router";
import { singleChoice, upToTwo } from "@/components/testing/elections";
import { BallotForm } from "./ballot-form";

// The ballot is really encrypted and proved by the crypto worker's code; only the API behind
// fetch is fake. Without a Worker (happy-dom has none) the form runs that code on its own thread
// (ballot-form-worker.test.tsx gives it a Worker, to watch the progress reports).

const submitted = (ballot: BallotJson, election = singleChoice) => ({
  status: 201,
  body: { id: 1, transaction_id: "0x" + "7a".repeat(32), ballot_hash: ballotHash(electionParams(election), ballot), timestamp: "2026-03-01T10:00:00Z", status: "pending" },
});

async function encryptAndCast(user: ReturnType<typeof userEvent.setup>) {
  await user.click(screen.getByRole("button", { name: "Encrypt my choice" }));
  await user.click(await screen.findByRole("button", { name: "Cast this ballot" }));
}

describe("BallotForm selection rules", () => {
  it("lists the candidates in ballot order as radio buttons for a single choice", () => {
    renderWithRouter(<BallotForm election={singleChoice} />);
    const group = screen.getByRole("group", { name: "Choose one candidate" });
    expect(within(group).getAllByRole("radio").map((r) => r.closest("label")?.querySelector(".name")?.textContent)).toEqual(["Ada Byron", "Bo Chen", "Carla Diaz"]);
  });

  it("keeps one choice only: choosing another candidate replaces the first", async () => {
    const user = userEvent.setup();
    renderWithRouter(<BallotForm election={singleChoice} />);
    await user.click(screen.getByRole("radio", { name: /Ada Byron/ }));
    await user.click(screen.getByRole("radio", { name: /Bo Chen/ }));
    expect(screen.getByRole("radio", { name: /Ada Byron/ })).not.toBeChecked();
    expect(screen.getByRole("radio", { name: /Bo Chen/ })).toBeChecked();
  });

  it("offers check boxes up to the election's limit and refuses a third choice with a focused message", async () => {
    const user = userEvent.setup();
    const api = fakeApi({});
    renderWithRouter(<BallotForm election={upToTwo} />);
    expect(screen.getByRole("group", { name: "Choose up to 2 candidates" })).toBeInTheDocument();
    for (const name of [/Ada/, /Bo/, /Carla/]) await user.click(screen.getByRole("checkbox", { name }));
    await user.click(screen.getByRole("button", { name: "Encrypt my choice" }));
    const alert = screen.getByRole("alert");
    expect(alert).toHaveTextContent("You can choose at most 2 candidates; you chose 3.");
    await waitFor(() => expect(alert).toHaveFocus());
    expect(api.requests).toEqual([]);
  });

  it("asks for a choice when none is made, and puts the focus on the message", async () => {
    const user = userEvent.setup();
    renderWithRouter(<BallotForm election={singleChoice} />);
    await user.click(screen.getByRole("button", { name: "Encrypt my choice" }));
    const alert = screen.getByRole("alert");
    expect(alert).toHaveTextContent("Choose a candidate.");
    await waitFor(() => expect(alert).toHaveFocus());
    // choosing clears the message
    await user.click(screen.getByRole("radio", { name: /Bo Chen/ }));
    expect(screen.queryByRole("alert")).toBeNull();
  });
});

describe("BallotForm progress and outcome", () => {
  it("shows each step while the ballot is encrypted, checked and sent, then the receipt with a matching tracking code", async () => {
    const user = userEvent.setup();
    const response = held<{ status: number; body: unknown }>();
    let sent: BallotJson | null = null;
    const api = fakeApi({
      "POST /api/votes/submit": (request) => {
        sent = (request.body as { ballot: BallotJson }).ballot;
        return response.promise;
      },
    });
    renderWithRouter(<BallotForm election={singleChoice} />);
    await user.click(screen.getByRole("radio", { name: /Carla Diaz/ }));
    await user.click(screen.getByRole("button", { name: "Encrypt my choice" }));

    // The encrypted ballot is shown (its tracking code) before anything is sent; the voter then casts it.
    const ready = await screen.findByTestId("encrypted-ballot");
    await waitFor(() => expect(within(ready).getByRole("heading")).toHaveFocus());
    expect(api.requests).toEqual([]);
    const readyCode = screen.getByTestId("ready-tracking-code").textContent;
    await user.click(within(ready).getByRole("button", { name: "Cast this ballot" }));

    // While the request is in flight: the crypto steps are done, sending is the current one.
    await waitFor(() => expect(api.requests).toHaveLength(1));
    const steps = screen.getAllByRole("listitem").map((li) => li.textContent);
    expect(steps).toEqual([
      "Encrypting your choice and proving it is a valid ballot — done",
      "Checking the proofs in your browser — done",
      "Ready: cast it, or check it first — done",
      "Sending the encrypted ballot …",
      "Recorded",
    ]);
    expect(screen.getByRole("button", { name: "Working…" })).toBeDisabled();
    expect(screen.getByRole("group")).toBeDisabled();
    expect(ballotHash(electionParams(singleChoice), sent!)).toBe(readyCode);

    // What was sent is a valid ballot for the third candidate's election, with no choice in clear.
    expect(api.requests[0].body).toMatchObject({ election_id: 12 });
    expect(verifyBallot(electionParams(singleChoice), { ...sent!, election_id: 12 })).toEqual({ valid: true });

    await act(async () => response.release(submitted(sent!)));
    expect(await screen.findByText("Thank you. Your vote was recorded.")).toBeInTheDocument();
    expect(screen.getByTestId("receipt-tx")).toHaveTextContent("0x" + "7a".repeat(32));
    expect(screen.getByText("The tracking code matches the one your browser computed from your encrypted ballot.")).toBeInTheDocument();
  });

  it("says in words that the voter already voted, and offers the receipt", async () => {
    const user = userEvent.setup();
    fakeApi({ "POST /api/votes/submit": problem(409, "You have already voted in this election.", "Conflict") });
    const { router } = renderWithRouter(<BallotForm election={singleChoice} />);
    await user.click(screen.getByRole("radio", { name: /Ada Byron/ }));
    await encryptAndCast(user);
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("You have already voted in this election.");
    await waitFor(() => expect(alert).toHaveFocus());
    await user.click(within(alert).getByRole("button", { name: "Show my receipt" }));
    expect(router.refresh).toHaveBeenCalledOnce();
    // the form can be used again (nothing stays disabled)
    expect(screen.getByRole("button", { name: "Encrypt my choice" })).toBeEnabled();
  });

  it("asks the voter to log in again when the session has expired", async () => {
    const user = userEvent.setup();
    fakeApi({ "POST /api/votes/submit": problem(401, "The token has expired.", "Unauthorized") });
    renderWithRouter(<BallotForm election={singleChoice} />);
    await user.click(screen.getByRole("radio", { name: /Ada Byron/ }));
    await encryptAndCast(user);
    expect(await screen.findByRole("alert")).toHaveTextContent("Your session has expired. Log in again to vote.");
  });
});
