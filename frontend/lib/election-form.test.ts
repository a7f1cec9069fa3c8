import { describe, expect, it } from "vitest";
import { validateElectionDraft, type ElectionDraft } from "./election-form";

const good: ElectionDraft = {
  title: " Board 2027 ",
  description: "Pick one",
  startsAt: "2026-11-24T09:00",
  endsAt: "2026-11-25T09:00",
  maxSelections: "1",
  eligibility: "open",
  candidates: [{ name: "Ann", description: "" }, { name: " Bo ", description: "Treasurer" }],
  guardians: "",
  quorum: "",
};

describe("validateElectionDraft", () => {
  it("builds the API request from a valid draft", () => {
    const { errors, request } = validateElectionDraft(good);
    expect(errors).toEqual({});
    expect(request).toEqual({
      title: "Board 2027",
      description: "Pick one",
      starts_at: "2026-11-24T09:00:00.000Z",
      ends_at: "2026-11-25T09:00:00.000Z",
      max_selections: 1,
      eligibility: "open",
      candidates: [{ name: "Ann", description: "" }, { name: "Bo", description: "Treasurer" }],
    });
  });

  it("says what is wrong with each field", () => {
    const { errors, request } = validateElectionDraft({
      ...good,
      title: "",
      endsAt: "2026-11-23T09:00",
      maxSelections: "3",
      candidates: [{ name: "Ann", description: "" }, { name: "ann", description: "" }, { name: "", description: "" }],
    });
    expect(request).toBeNull();
    expect(errors.title).toMatch(/title/);
    expect(errors.endsAt).toMatch(/end after it starts/);
    expect(errors.candidateNames).toEqual({ 1: "Same name as candidate 1.", 2: "Enter the candidate's name." });
    expect(errors.maxSelections).toBeUndefined();
  });

  it("needs two candidates and a sensible number of choices", () => {
    const { errors } = validateElectionDraft({ ...good, maxSelections: "2", candidates: [{ name: "Solo", description: "" }] });
    expect(errors.candidates).toMatch(/at least two/);
    expect(errors.maxSelections).toMatch(/At most/);
    expect(validateElectionDraft({ ...good, maxSelections: "0" }).errors.maxSelections).toMatch(/whole number/);
    expect(validateElectionDraft({ ...good, startsAt: "" }).errors.startsAt).toMatch(/starts/);
  });

  it("names guardians one a line with an optional e-mail, and needs a quorum between 1 and their number", () => {
    const { errors, request } = validateElectionDraft({ ...good, guardians: "Alice, alice@example.org\n\n Bob \nCarol", quorum: "2" });
    expect(errors).toEqual({});
    expect(request?.guardians).toEqual([{ name: "Alice", email: "alice@example.org" }, { name: "Bob", email: "" }, { name: "Carol", email: "" }]);
    expect(request?.quorum).toBe(2);
    expect(validateElectionDraft({ ...good, guardians: "Alice\nBob", quorum: "3" }).errors.quorum).toMatch(/1 to the number of guardians \(2\)/);
    expect(validateElectionDraft({ ...good, guardians: "Alice\nalice", quorum: "1" }).errors.guardians).toBe("Each guardian needs a distinct name.");
    expect(validateElectionDraft(good).request).not.toHaveProperty("guardians");
  });
});
