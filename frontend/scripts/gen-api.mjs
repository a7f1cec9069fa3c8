// npm run gen:api [-- --url http://localhost:8000/openapi/v1.json | --no-build]
//
// Refreshes lib/api/openapi.json (the committed copy of the API's OpenAPI document) and
// lib/api/schema.d.ts (the types generated from it). By default the document is the one the API's
// build writes (dotnet build EVoting.Api -> EVoting.Api/obj/openapi/openapi.json); --url reads it
// from a running API instead. Nothing else is fetched.
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { schemaSource } from "./openapi-schema.mjs";

const frontend = fileURLToPath(new URL("..", import.meta.url));
const apiProject = fileURLToPath(new URL("../../EVoting.Api/", import.meta.url));
const built = `${apiProject}obj/openapi/openapi.json`;
const args = process.argv.slice(2);
const urlAt = args.indexOf("--url");

let document;
if (urlAt >= 0) {
  const url = args[urlAt + 1];
  if (!url) throw new Error("--url needs the document's address, e.g. http://localhost:8000/openapi/v1.json");
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  document = await response.text();
} else {
  if (!args.includes("--no-build")) execFileSync("dotnet", ["build", apiProject, "-v", "q", "-nologo"], { stdio: "inherit" });
  document = readFileSync(built, "utf8");
}

// Copied byte for byte (not re-serialized: JSON.stringify would reorder the status-code keys), so
// OpenApiDocumentTests can compare it with what the API's build writes.
JSON.parse(document); // fail here, not in the copy, if it is not JSON
writeFileSync(`${frontend}lib/api/openapi.json`, document);
writeFileSync(`${frontend}lib/api/schema.d.ts`, await schemaSource(document));
console.log("wrote lib/api/openapi.json and lib/api/schema.d.ts");
