/**
 * Writes testdata/trustees/ts-ceremony.json: the ceremony vector made by TypeScript from label-derived randomness
 * (ceremony-vector.ts). The C# suite remakes it from the same label and checks every value. Run from frontend/:
 *
 *   npx esbuild lib/crypto/make-trustee-vectors.ts --bundle --platform=node --format=esm \
 *     --outfile=node_modules/.cache/make-trustee-vectors.mjs && node node_modules/.cache/make-trustee-vectors.mjs
 */
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { makeCeremonyVector } from "./ceremony-vector";

export const TS_LABEL = "ts ceremony";
export const TS_ELECTION_ID = 43;
export const TS_DESCRIPTION =
  "A g = 3, q = 2 ceremony and threshold tally made by TypeScript (frontend/lib/crypto/ceremony-vector.ts) from " +
  "label-derived randomness, shares encrypted with WebCrypto; the C# side remakes it from `label` and `election_id` and checks every value.";

const out = resolve(process.cwd(), "../testdata/trustees/ts-ceremony.json");
const vector = await makeCeremonyVector(TS_LABEL, TS_ELECTION_ID, TS_DESCRIPTION);
writeFileSync(out, JSON.stringify(vector, null, 2) + "\n");
console.log(`wrote ${out}`);
