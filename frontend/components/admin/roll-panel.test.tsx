import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { fakeApi, held, problem } from "@/components/testing/fake-api";
import { renderWithRouter } from "@/components/testing/router";
import type { RollUploadResult } from "@/lib/api/types";
import type { UploadProgress } from "@/lib/roll-upload";
import { RollPanel } from "./roll-panel";

describe("RollPanel", () => {
  it("uploads the chosen file showing how much is sent, then says how many voters the roll has", async () => {
    const user = userEvent.setup();
    const answer = held<RollUploadResult>();
    let report: (p: UploadProgress) => void = () => {};
    const upload = vi.fn((_id: number, _file: Blob, onProgress: (p: UploadProgress) => void) => {
      report = onProgress;
      return answer.promise;
    });
    const { router } = renderWithRouter(<RollPanel id={4} title="Board" status="draft" entries={0} upload={upload} />);
    expect(screen.getByText("Voter roll: none uploaded yet")).toBeInTheDocument();

    await user.upload(screen.getByLabelText(/Upload the roll/), new File(["a@x.org\nb@x.org\n"], "roll.csv", { type: "text/csv" }));
    report({ sent: 8, total: 16 });

    expect(upload).toHaveBeenCalledWith(4, expect.any(File), expect.any(Function));
    expect(await screen.findByRole("progressbar", { name: "Roll of Board: 50 % uploaded" })).toBeInTheDocument();
    answer.release({ entries: 2, duplicates: 0, blank_lines: 1 });
    expect(await screen.findByRole("status")).toHaveTextContent("The roll has 2 voters (0 repeated and 1 blank lines skipped).");
    expect(router.refresh).toHaveBeenCalledOnce();
  });

  it("says why the API refused the roll", async () => {
    const user = userEvent.setup();
    const upload = vi.fn(async () => {
      const { ApiError } = await import("@/lib/api/client");
      throw new ApiError(400, "The roll was not stored: line 2: an identifier has no comma");
    });
    renderWithRouter(<RollPanel id={4} title="Board" status="draft" entries={0} upload={upload} />);
    await user.upload(screen.getByLabelText(/Upload the roll/), new File(["a,b"], "roll.csv"));
    expect(await screen.findByRole("alert")).toHaveTextContent("line 2");
  });

  it("downloads the codes once and shows the API's refusal of a second download", async () => {
    const user = userEvent.setup();
    let calls = 0;
    const api = fakeApi({
      "GET /api/elections/4/roll/codes": () => (++calls === 1
        ? { status: 200, body: "identifier,code" }
        : problem(409, "The enrolment codes of election 4 were issued at 2026-12-07 and are shown only once.")),
    });
    const createObjectURL = vi.fn(() => "blob:codes");
    vi.stubGlobal("URL", Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() }));
    renderWithRouter(<RollPanel id={4} title="Board" status="open" entries={2} />);

    expect(screen.queryByLabelText(/Upload the roll/)).toBeNull(); // the roll is fixed once the election is no longer a draft
    await user.click(screen.getByRole("button", { name: "Download the enrolment codes (once): Board" }));
    expect(await screen.findByRole("status")).toHaveTextContent("cannot be downloaded again");
    expect(createObjectURL).toHaveBeenCalledOnce();
    await user.click(screen.getByRole("button", { name: "Download the enrolment codes (once): Board" }));
    await waitFor(() => expect(screen.getByRole("alert")).toHaveTextContent("shown only once"));
    expect(api.requests.map((r) => r.path)).toEqual(["/api/elections/4/roll/codes", "/api/elections/4/roll/codes"]);
  });
});
