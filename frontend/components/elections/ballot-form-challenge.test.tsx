import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { ballotHash, verifyChallengedBallot, type BallotJson, type ChallengedBallotJson } from "@/lib/crypto";
import { electionParams } from "@/lib/voter-ballot";
import { fakeApi, problem } from "@/components/testing/fake-api";
import { renderWithRouter } from "@/components/testing/router";
import { singleChoice } from "@/components/testing/elections";
import { BallotForm } from "./ballot-form";

// "Check this encryption" with the real crypto: the browser opens the ballot it showed, posts it to the public list,
// and encrypts the same choice afresh; only the API behind fetch is fake.

const params = electionParams(singleChoice);

describe("BallotForm: check this encryption, then cast", () => {
  it("checks the shown ballot, publishes it as spoiled, and casts a fresh encryption of the same choice", async () => {
    const user = userEvent.setup();
    let spoiled: ChallengedBallotJson | null = null;
    let cast: BallotJson | null = null;
    const api = fakeApi({
      "POST /api/elections/12/spoiled": (request) => {
        spoiled = request.body as ChallengedBallotJson;
        return { status: 201, body: { election_id: 12, ballot_hash: ballotHash(params, spoiled.ballot), posted_at: "2026-03-01T10:00:00Z" } };
      },
      "POST /api/votes/submit": (request) => {
        cast = (request.body as { ballot: BallotJson }).ballot;
        return { status: 201, body: { id: 1, transaction_id: "0x" + "5c".repeat(32), ballot_hash: ballotHash(params, cast), timestamp: "2026-03-01T10:01:00Z", status: "pending" } };
      },
    });
    renderWithRouter(<BallotForm election={singleChoice} />);
    await user.click(screen.getByRole("radio", { name: /Bo Chen/ }));
    await user.click(screen.getByRole("button", { name: "Encrypt my choice" }));
    const firstCode = (await screen.findByTestId("ready-tracking-code")).textContent!;
    await user.click(screen.getByRole("button", { name: "Check this encryption" }));

    const result = await screen.findByTestId("challenge-result");
    expect(result).toHaveAttribute("data-state", "matches");
    expect(within(result).getByRole("status")).toHaveTextContent("this encryption matches your choice");
    expect(result).toHaveTextContent("it encrypts exactly: Bo Chen");
    await waitFor(() => expect(result).toHaveTextContent("It is published, without your name"));

    // What was posted is the ballot shown, opened: it checks against the election, revealing Bo Chen (position 2).
    expect(api.requests.map((r) => `${r.method} ${r.path}`)).toEqual(["POST /api/elections/12/spoiled"]);
    expect(ballotHash(params, spoiled!.ballot)).toBe(firstCode);
    expect(spoiled!.selections).toEqual([0, 1, 0]);
    expect(verifyChallengedBallot(params, spoiled!)).toEqual({ valid: true });
    expect(within(result).getByRole("link", { name: /Download the checked ballot/ })).toHaveAttribute("download", expect.stringMatching(/^spoiled-ballot-12-/));
    expect(within(result).getByTestId("audit-command")).toHaveTextContent(`--election-id 12 --public-key ${params.publicKeyHex} --candidates 3`);

    // A fresh encryption (new nonces, so a new tracking code) waits for the voter; the checked one is never offered.
    const secondCode = (await screen.findByTestId("ready-tracking-code")).textContent!;
    expect(secondCode).not.toBe(firstCode);
    await user.click(screen.getByRole("button", { name: "Cast this ballot" }));
    expect(await screen.findByText("Thank you. Your vote was recorded.")).toBeInTheDocument();
    expect(ballotHash(params, cast!)).toBe(secondCode);
    expect(cast!.ciphertexts).not.toEqual(spoiled!.ballot.ciphertexts);
  });

  it("still shows the check's result when the public list refuses the post, and offers the fresh ballot", async () => {
    const user = userEvent.setup();
    fakeApi({ "POST /api/elections/12/spoiled": problem(429, "Too many requests from this account; try again later.", "Too many requests") });
    renderWithRouter(<BallotForm election={singleChoice} />);
    await user.click(screen.getByRole("radio", { name: /Ada Byron/ }));
    await user.click(screen.getByRole("button", { name: "Encrypt my choice" }));
    await user.click(await screen.findByRole("button", { name: "Check this encryption" }));

    const result = await screen.findByTestId("challenge-result");
    await waitFor(() => expect(result).toHaveTextContent("It could not be published on the public list: Too many requests from this account; try again later."));
    expect(result).toHaveTextContent("this encryption matches your choice");
    expect(await screen.findByRole("button", { name: "Cast this ballot" })).toBeEnabled();
  });

  it("lets the voter change the choice after encrypting, without sending anything", async () => {
    const user = userEvent.setup();
    const api = fakeApi({});
    renderWithRouter(<BallotForm election={singleChoice} />);
    await user.click(screen.getByRole("radio", { name: /Ada Byron/ }));
    await user.click(screen.getByRole("button", { name: "Encrypt my choice" }));
    await user.click(await screen.findByRole("button", { name: "Change my choice" }));

    expect(screen.getByRole("group")).toBeEnabled();
    expect(screen.queryByTestId("encrypted-ballot")).toBeNull();
    expect(api.requests).toEqual([]);
  });
});
