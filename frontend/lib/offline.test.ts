import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// The frontend must not reach the internet at build or run time: no remote fonts, no CDN scripts
// or styles, no telemetry. This reads every source file the build compiles. (The end-to-end test
// checks the running pages: the browser makes no request beyond the frontend's own origin.)

const root = fileURLToPath(new URL("..", import.meta.url));
const local = new Set(["localhost", "127.0.0.1"]);

/** Hosts named by URLs in string literals, CSS url(…) and @import: "https://x", '//x', url(http://x). */
function remoteHosts(text: string): string[] {
  const hosts = [...text.matchAll(/["'`(]\s*(?:https?:)?\/\/([a-z0-9.-]+)/gi)].map((m) => m[1].toLowerCase());
  return hosts.filter((h) => !local.has(h));
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx|css)$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

describe("no request to the internet", () => {
  const files = [...["app", "components", "lib"].flatMap((d) => sourceFiles(join(root, d))), join(root, "next.config.ts")];

  it("finds remote hosts the way a font or CDN link would name them", () => {
    expect(remoteHosts(`@import url("https://fonts.googleapis.com/css2");`)).toEqual(["fonts.googleapis.com"]);
    expect(remoteHosts(`<script src="//cdn.example.net/x.js" />`)).toEqual(["cdn.example.net"]);
    expect(remoteHosts(`const api = "http://localhost:8000";`)).toEqual([]);
  });

  it("reads the app's sources", () => {
    expect(files.length).toBeGreaterThan(40);
    expect(files.some((f) => f.endsWith("globals.css"))).toBe(true);
  });

  it("names no remote host in any source file", () => {
    const found = files.flatMap((f) => remoteHosts(readFileSync(f, "utf8")).map((h) => `${relative(root, f)}: ${h}`));
    expect(found).toEqual([]);
  });

  it("loads no Google font and no external script component", () => {
    const found = files.filter((f) => /from\s+["']next\/(font\/google|script)["']/.test(readFileSync(f, "utf8")));
    expect(found.map((f) => relative(root, f))).toEqual([]);
  });

  it("turns Next.js telemetry off in every script that starts or builds it", () => {
    const scripts = JSON.parse(readFileSync(join(root, "package.json"), "utf8")).scripts as Record<string, string>;
    for (const name of ["dev", "build", "start"]) expect(scripts[name]).toMatch(/^NEXT_TELEMETRY_DISABLED=1 next /);
  });
});
