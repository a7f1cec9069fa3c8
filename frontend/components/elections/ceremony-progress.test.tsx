import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { Ceremony, Election } from "@/lib/api/types";
import { CeremonyProgress } from "./ceremony-progress";
import { TrusteeNotice } from "./trustee-notice";

const upheld = {
  round: 1, by: 1, by_name: "Alice", accused: 3, accused_name: "Carol", share: "ab".repeat(32), shared_point: "02" + "cd".repeat(32), proof: { c: "01".repeat(32), v: "02".repeat(32) }, ruling: "restarted" as const,
  reason: "Guardian 1 (Alice) complained about the share from guardian 3 (Carol) in round 1: it fails Carol's commitments, so Carol is removed and the ceremony restarts with the other 2 guardians (round 2).",
  at: "2026-12-07T12:00:00Z",
};

const member = (index: number, name: string) =>
  ({ index, name, commitments_posted: false, shares_posted: false, verdict: null, decryption_posted: false });

function ceremony(overrides: Partial<Ceremony>): Ceremony {
  return {
    election_id: 7, guardians: 2, quorum: 2, round: 2, phase: "commitments", members: [member(1, "Alice"), member(2, "Bob")],
    commitments: [null, null], shares: [], complaints: [upheld], record: null, ...overrides,
  };
}

describe("CeremonyProgress", () => {
  it("shows the round, that the ceremony restarted, and who was removed on whose complaint", () => {
    render(<CeremonyProgress ceremony={ceremony({})} />);
    expect(screen.getByRole("heading", { level: 2 })).toHaveTextContent("Key ceremony, round 2");
    expect(screen.getByTestId("ceremony-restarted")).toHaveTextContent("the 2 remaining guardians run evoting guardian join and shares again");
    expect(screen.getByTestId("ceremony-complaints")).toHaveTextContent(`Round 1, upheld, guardian removed, ceremony restarted: ${upheld.reason}`);
    expect(screen.getAllByRole("row").slice(1).map((r) => r.textContent)).toEqual(["1. Alicenononot yet—", "2. Bobnononot yet—"]);
  });

  it("says why a failed ceremony failed, and lists a refused complaint", () => {
    const refused = { ...upheld, round: 1, by: 2, by_name: "Bob", accused: 1, accused_name: "Alice", ruling: "refused" as const, reason: "that share matches Alice's commitments." };
    const failed = { ...upheld, ruling: "failed" as const, reason: "without Carol 1 guardians would remain, fewer than the quorum of 2, so the ceremony has failed." };
    render(<CeremonyProgress ceremony={ceremony({ round: 1, phase: "failed", complaints: [refused, failed] })} />);
    expect(screen.getByRole("heading", { level: 2 })).toHaveTextContent(/^Key ceremony$/);
    expect(screen.getByText(/^The key ceremony failed\./)).toHaveTextContent(failed.reason);
    expect(screen.queryByTestId("ceremony-restarted")).toBeNull();
    const items = screen.getAllByRole("listitem").map((li) => li.textContent);
    expect(items).toEqual([`Round 1, refused: ${refused.reason}`, `Round 1, upheld, ceremony failed: ${failed.reason}`]);
  });

  it("shows no complaints section when there were none", () => {
    render(<CeremonyProgress ceremony={ceremony({ round: 1, complaints: [] })} />);
    expect(screen.queryByTestId("ceremony-complaints")).toBeNull();
  });
});

describe("TrusteeNotice", () => {
  it("names a guardian removed by an upheld complaint on the election's page", () => {
    const election = { external_guardians: true, guardians: 2, quorum: 2, ceremony_round: 2, ceremony_complaints: [upheld] } as unknown as Election;
    render(<TrusteeNotice election={election} />);
    expect(screen.getByTestId("trustee-notice")).toHaveTextContent(
      "The key is held by 2 guardians: any 2 of them together decrypt the tally, fewer cannot, and the server never holds the key. Carol was removed from the key ceremony in round 1 (Alice's complaint about their share was upheld); the ceremony restarted without them.");
  });
});
