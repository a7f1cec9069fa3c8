// Runs before every component test file: each test starts from an empty document and with
// the real fetch restored (tests that talk to the API install a fake one).
import "@testing-library/jest-dom/vitest";
import { cleanup } from "@testing-library/react";
import { afterEach, vi } from "vitest";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.useRealTimers();
});
