import { describe, expect, it } from "vitest";
import { humanizeField, isProblemDetails, problemMessage } from "./problem";

describe("problemMessage", () => {
  it("uses the detail of a problem details body", () => {
    expect(problemMessage(409, { title: "Conflict", status: 409, detail: "You have already voted in this election" }))
      .toBe("You have already voted in this election.");
  });

  it("lists validation errors by field in words", () => {
    const body = {
      title: "One or more validation errors occurred.",
      status: 400,
      errors: { email: ["is not a valid address"], full_name: ["is required"] },
    };
    expect(problemMessage(400, body)).toBe("Email: is not a valid address. Full name: is required.");
  });

  it("does not repeat a field name the message already contains", () => {
    const body = { title: "One or more validation errors occurred.", errors: { Email: ["The Email field is required."] } };
    expect(problemMessage(400, body)).toBe("The Email field is required.");
  });

  it("combines detail and field errors", () => {
    const body = { detail: "The ballot is not valid", errors: { "proofs[1]": ["challenge sum does not match"] } };
    expect(problemMessage(400, body)).toBe("The ballot is not valid. Proofs 2: challenge sum does not match.");
  });

  it("uses a meaningful title when there is no detail", () => {
    expect(problemMessage(404, { title: "Election not found", status: 404 })).toBe("Election not found.");
  });

  it("falls back to words for the status when the body says nothing useful", () => {
    expect(problemMessage(401, { title: "An error occurred while processing your request." })).toMatch(/log in/);
    expect(problemMessage(429, undefined)).toMatch(/Too many attempts/);
    expect(problemMessage(503, "")).toMatch(/temporarily unavailable/);
    expect(problemMessage(599, undefined)).toMatch(/server had a problem/);
    expect(problemMessage(418, undefined)).toBe("The request failed (HTTP 418).");
  });

  it("never shows raw JSON or HTML", () => {
    expect(problemMessage(500, { foo: 1 })).not.toContain("{");
    expect(problemMessage(502, "<html><body>Bad gateway</body></html>")).not.toContain("<");
  });

  it("passes on a short plain-text error body", () => {
    expect(problemMessage(400, "Election is not open")).toBe("Election is not open.");
  });
});

describe("helpers", () => {
  it("recognises problem details", () => {
    expect(isProblemDetails({ title: "x" })).toBe(true);
    expect(isProblemDetails({ detail: "x" })).toBe(true);
    expect(isProblemDetails([])).toBe(false);
    expect(isProblemDetails(null)).toBe(false);
    expect(isProblemDetails({ status: 400 })).toBe(false);
  });

  it("turns field names into words", () => {
    expect(humanizeField("full_name")).toBe("Full name");
    expect(humanizeField("StartsAt")).toBe("Starts at");
    expect(humanizeField("candidates[0].name")).toBe("Candidates 1 name");
    expect(humanizeField("$.election_id")).toBe("Election id");
    expect(humanizeField("")).toBe("");
  });
});
