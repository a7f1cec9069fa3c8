import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { fakeApi, problem } from "@/components/testing/fake-api";
import { renderWithRouter } from "@/components/testing/router";
import { RegisterForm } from "@/components/auth/register-form";
import { EligibilityNote } from "./eligibility-note";
import { EnrolForm } from "./enrol-form";

describe("EligibilityNote", () => {
  it("says plainly that anyone can register and vote in an open election", () => {
    render(<EligibilityNote election={{ eligibility: "open", roll_entries: 0 }} />);
    expect(screen.getByTestId("eligibility-open")).toHaveTextContent("anyone can register an account and vote in this election");
  });

  it("says that a roll election is for the voters on its roll", () => {
    render(<EligibilityNote election={{ eligibility: "roll", roll_entries: 120 }} />);
    expect(screen.getByTestId("eligibility-roll")).toHaveTextContent("Only the voters on this election's roll can vote (120 voters)");
  });
});

describe("EnrolForm", () => {
  it("sends the code, says which election it added and refreshes the page", async () => {
    const user = userEvent.setup();
    const api = fakeApi({ "POST /api/auth/enrol": { status: 200, body: { election_id: 3, title: "Board" } } });
    const { router } = renderWithRouter(<EnrolForm electionTitle="Board" />);
    await user.type(screen.getByLabelText("Enrolment code"), " abcde-fghij ");
    await user.click(screen.getByRole("button", { name: "Enrol" }));
    expect(await screen.findByRole("status")).toHaveTextContent("You are on the roll of “Board”.");
    expect(api.requests).toEqual([{ method: "POST", path: "/api/auth/enrol", body: { code: "abcde-fghij" } }]);
    expect(router.refresh).toHaveBeenCalledOnce();
  });

  it("shows the API's reason for a used code on the field", async () => {
    const user = userEvent.setup();
    fakeApi({ "POST /api/auth/enrol": problem(409, "This enrolment code has already been used.", "Conflict") });
    renderWithRouter(<EnrolForm electionTitle="Board" />);
    await user.type(screen.getByLabelText("Enrolment code"), "AAAAA");
    await user.click(screen.getByRole("button", { name: "Enrol" }));
    const field = screen.getByLabelText("Enrolment code");
    expect(await screen.findByText("This enrolment code has already been used.")).toBeInTheDocument();
    expect(field).toHaveAttribute("aria-invalid", "true");
    expect(field).toHaveFocus();
  });
});

describe("RegisterForm with an enrolment code", () => {
  async function fill(user: ReturnType<typeof userEvent.setup>, code: string) {
    await user.type(screen.getByLabelText("Full name"), "Ada Lovelace");
    await user.type(screen.getByLabelText("Email"), "ada@example.org");
    await user.type(screen.getByLabelText("Password"), "secret123");
    await user.type(screen.getByLabelText("Repeat the password"), "secret123");
    await user.type(screen.getByLabelText("Enrolment code (optional)"), code);
    await user.click(screen.getByRole("button", { name: "Create account" }));
  }

  it("sends the code with the registration", async () => {
    const user = userEvent.setup();
    const api = fakeApi({
      "POST /api/auth/register": { status: 201, body: { id: 1 } },
      "POST /api/auth/login": { status: 200, body: { token_type: "bearer", expires_in: 3600 } },
    });
    renderWithRouter(<RegisterForm next="/" />);
    await fill(user, "K7QXM-2RTAB");
    await screen.findByRole("button", { name: "Creating your account…" });
    expect(api.requests[0]).toEqual({
      method: "POST", path: "/api/auth/register",
      body: { email: "ada@example.org", password: "secret123", full_name: "Ada Lovelace", enrolment_code: "K7QXM-2RTAB" },
    });
  });

  it("puts a refused code's reason on the code field, not on the email", async () => {
    const user = userEvent.setup();
    fakeApi({ "POST /api/auth/register": problem(409, "This enrolment code has already been used.", "Conflict") });
    renderWithRouter(<RegisterForm next="/" />);
    await fill(user, "K7QXM-2RTAB");
    expect(await screen.findByText("This enrolment code has already been used.")).toBeInTheDocument();
    expect(screen.getByLabelText("Enrolment code (optional)")).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByLabelText("Email")).not.toHaveAttribute("aria-invalid");
  });
});
