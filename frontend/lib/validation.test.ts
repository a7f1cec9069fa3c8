import { describe, expect, it } from "vitest";
import { safeNextPath, validateEmail, validateLogin, validateNewPassword, validateRegistration } from "./validation";

describe("validation", () => {
  it("checks email addresses", () => {
    expect(validateEmail("")).toMatch(/Enter your email/);
    expect(validateEmail("nobody")).toMatch(/like name@example.org/);
    expect(validateEmail("ann@example.org")).toBeNull();
  });

  it("asks for a reasonable password", () => {
    expect(validateNewPassword("")).toMatch(/Choose/);
    expect(validateNewPassword("abc1")).toMatch(/at least 8/);
    expect(validateNewPassword("abcdefgh")).toMatch(/letters and digits/);
    expect(validateNewPassword("correct horse 1")).toBeNull();
  });

  it("reports every login field that is missing", () => {
    expect(validateLogin("", "")).toEqual({ email: "Enter your email address.", password: "Enter your password." });
    expect(validateLogin("a@b.co", "x")).toEqual({});
  });

  it("checks registration fields together", () => {
    const errors = validateRegistration({ fullName: " ", email: "x", password: "secret123", confirm: "secret124" });
    expect(Object.keys(errors).sort()).toEqual(["confirm", "email", "fullName"]);
    expect(validateRegistration({ fullName: "Ann", email: "ann@example.org", password: "secret123", confirm: "secret123" })).toEqual({});
  });

  it("only follows same-site paths after login", () => {
    expect(safeNextPath("/elections/3")).toBe("/elections/3");
    expect(safeNextPath("//evil.example")).toBe("/");
    expect(safeNextPath("/\\evil.example")).toBe("/");
    expect(safeNextPath("https://evil.example")).toBe("/");
    expect(safeNextPath(undefined)).toBe("/");
  });
});
