import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { schemaSource } from "../../scripts/openapi-schema.mjs";
import { buildPath } from "./operations";

// The frontend's API types come from the API's OpenAPI document. lib/api/openapi.json is the
// committed copy of it (EVoting.Tests' OpenApiDocumentTests fails when it differs from what the
// API's build writes); this fails when schema.d.ts was not regenerated from it (`npm run gen:api`).

const read = (name: string) => readFileSync(new URL(name, import.meta.url), "utf8");

describe("the generated API schema", () => {
  it("is what openapi-typescript makes of the committed OpenAPI document", async () => {
    expect(await schemaSource(read("./openapi.json"))).toBe(read("./schema.d.ts"));
  });

  it("comes from a document that types numbers as numbers and statuses as their values", () => {
    const schema = read("./schema.d.ts");
    expect(schema).toMatch(/status: "draft" \| "open" \| "closed" \| "tallied";/);
    expect(schema).toMatch(/status: "pending" \| "included" \| "final" \| "rejected";/);
    expect(schema).not.toMatch(/number \| string/);
  });
});

describe("buildPath", () => {
  it("fills and escapes path parameters and adds the query without empty values", () => {
    expect(buildPath("/api/votes/receipt/{tx_hash}", { tx_hash: "0xab/../cd" })).toBe("/api/votes/receipt/0xab%2F..%2Fcd");
    expect(buildPath("/api/blockchain/blocks", undefined, { limit: 20, from: undefined })).toBe("/api/blockchain/blocks?limit=20");
    expect(() => buildPath("/api/elections/{id}", {})).toThrow(/needs id/);
  });
});
