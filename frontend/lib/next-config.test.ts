import { describe, expect, it } from "vitest";
import nextConfig from "../next.config";

describe("next.config", () => {
  it("shows no development-only UI, even under next dev (the AppHost's default run)", () => {
    expect(nextConfig.devIndicators).toBe(false);
  });
});
