import { describe, expect, it } from "vitest";
import {
  electionStatusLabel,
  formatDateTime,
  formatDuration,
  isoToLocalInput,
  localInputToIso,
  normalizeTxHash,
  percent,
  plural,
  shortHash,
} from "./format";

describe("format", () => {
  it("shortens hashes keeping both ends", () => {
    expect(shortHash("0x" + "a".repeat(10) + "b".repeat(54))).toBe("0xaaaaaa…bbbbbb");
    expect(shortHash("abcdef0123456789abcdef", 4)).toBe("abcd…cdef");
    expect(shortHash("0x1234")).toBe("0x1234");
    expect(shortHash(null)).toBe("—");
  });

  it("formats times in UTC", () => {
    expect(formatDateTime("2026-11-24T00:20:35Z")).toBe("24 Nov 2026, 00:20:35 UTC");
    expect(formatDateTime(Date.UTC(2026, 0, 2, 3, 4, 5))).toBe("2 Jan 2026, 03:04:05 UTC");
    expect(formatDateTime("not a date")).toBe("—");
    expect(formatDateTime(null)).toBe("—");
  });

  it("formats durations", () => {
    expect(formatDuration(850)).toBe("850 ms");
    expect(formatDuration(2500)).toBe("2.5 s");
    expect(formatDuration(25_000)).toBe("25 s");
    expect(formatDuration(200_000)).toBe("3 min 20 s");
    expect(formatDuration(120_000)).toBe("2 min");
    expect(formatDuration(-1)).toBe("—");
    expect(formatDuration(undefined)).toBe("—");
  });

  it("counts with the right word", () => {
    expect(plural(1, "vote")).toBe("1 vote");
    expect(plural(2, "vote")).toBe("2 votes");
    expect(plural(1200, "ballot")).toBe("1,200 ballots");
  });

  it("computes shares", () => {
    expect(percent(1, 2)).toBe("50 %");
    expect(percent(1, 3)).toBe("33.3 %");
    expect(percent(0, 0)).toBe("0 %");
  });

  it("converts datetime-local values as UTC both ways", () => {
    expect(localInputToIso("2026-11-24T10:30")).toBe("2026-11-24T10:30:00.000Z");
    expect(localInputToIso("2026-11-24T10:30:15")).toBe("2026-11-24T10:30:15.000Z");
    expect(localInputToIso("")).toBeNull();
    expect(localInputToIso("2026-13-40T99:99")).toBeNull();
    expect(isoToLocalInput("2026-11-24T10:30:00Z")).toBe("2026-11-24T10:30");
  });

  it("names election states", () => {
    expect(electionStatusLabel("open")).toBe("Open for voting");
    expect(electionStatusLabel("tallied")).toBe("Results published");
    expect(electionStatusLabel("weird")).toBe("weird");
  });

  it("accepts transaction ids as people type them", () => {
    const h = "ab".repeat(32);
    expect(normalizeTxHash(` 0x${h.toUpperCase()} `)).toBe(`0x${h}`);
    expect(normalizeTxHash(h)).toBe(`0x${h}`);
    expect(normalizeTxHash("0x1234")).toBeNull();
    expect(normalizeTxHash(`0x${"g".repeat(64)}`)).toBeNull();
  });
});
