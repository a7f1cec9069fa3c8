// Elections with real keys for the component tests (their ballots really encrypt and verify).
import { p256 } from "@noble/curves/nist.js";
import { pointHex } from "@/lib/crypto/group";

const publicKey = pointHex(p256.Point.BASE.multiply(0xC0FFEEn));

/** Candidates listed out of ballot order on purpose: the form must follow `position`. */
export const singleChoice = {
  id: 12,
  title: "Board of the allotment society",
  public_key: publicKey,
  election_hash: "00".repeat(32),
  max_selections: 1,
  candidates: [
    { id: 30, position: 3, name: "Carla Diaz", description: "" },
    { id: 10, position: 1, name: "Ada Byron", description: "Treasurer since 2019" },
    { id: 20, position: 2, name: "Bo Chen", description: "" },
  ],
};

export const upToTwo = { ...singleChoice, id: 13, title: "Two seats", max_selections: 2 };
