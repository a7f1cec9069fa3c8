import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { fakeApi, held } from "@/components/testing/fake-api";
import { renderWithRouter } from "@/components/testing/router";
import { singleChoice } from "@/components/testing/elections";
import { PacedWorker } from "@/components/testing/paced-worker";
import { BallotForm } from "./ballot-form";

// A file of its own: the page keeps one crypto worker for its life, so the Worker must exist
// before the first ballot of the file is prepared.
describe("BallotForm with a crypto worker", () => {
  it("starts the module worker and shows a progress bar that moves with each proof made and checked", async () => {
    vi.stubGlobal("Worker", PacedWorker);
    const user = userEvent.setup();
    const response = held<{ status: number; body: unknown }>();
    fakeApi({ "POST /api/votes/submit": () => response.promise });
    const seen = new Set<string>();
    const observer = new MutationObserver(() => {
      const bar = document.querySelector("progress");
      if (bar) seen.add(bar.getAttribute("aria-label")!);
    });
    observer.observe(document.body, { subtree: true, childList: true, attributes: true });
    renderWithRouter(<BallotForm election={singleChoice} />);
    await user.click(screen.getByRole("radio", { name: /Bo Chen/ }));
    await user.click(screen.getByRole("button", { name: "Encrypt my choice" }));
    await user.click(await screen.findByRole("button", { name: "Cast this ballot" }));
    await screen.findByText("Sending the encrypted ballot …");
    observer.disconnect();

    expect(PacedWorker.created).toEqual([{ url: expect.stringMatching(/\/lib\/crypto-worker\/crypto\.worker\.ts\b/), type: "module" }]);
    // 3 candidate proofs + the sum proof, made and then checked.
    expect([...seen]).toEqual([
      ...[1, 2, 3, 4].map((n) => `${n} of 4 proofs made`),
      ...[1, 2, 3, 4].map((n) => `${n} of 4 proofs checked`),
    ]);
    // The bar is gone once the crypto is done.
    expect(screen.queryByRole("progressbar")).toBeNull();
  });
});
