/**
 * Times encrypt+prove of a 5-candidate ballot in Node (the browser's work) and verify. Run from frontend/:
 *
 *   npx esbuild lib/crypto/bench.ts --bundle --platform=node --format=esm \
 *     --outfile=node_modules/.cache/bench.mjs && node node_modules/.cache/bench.mjs [ballots]
 */
import { p256 } from "@noble/curves/nist.js";
import { encryptBallot, verifyBallot } from "./ballot-encryption";
import { pointHex, randomScalar } from "./group";

const count = Number(process.argv[2] ?? 100);
const candidates = 5;
const publicKeyHex = pointHex(p256.Point.BASE.multiply(randomScalar()));
const election = { electionId: 1, publicKeyHex, candidates, maxSelections: 1 };
const selections = (i: number) => Array.from({ length: candidates }, (_, c) => (c === i % (candidates + 1) ? 1 : 0));

// CPU time (user + system) next to wall-clock: on a shared machine wall-clock includes waiting.
const cpuMs = (since: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1000;
};

// Warm up: JIT, and the first use builds the precomputed table for this election key.
const warmCpu = process.cpuUsage();
const warmStart = performance.now();
const first = encryptBallot({ ...election, selections: selections(0) });
const firstMs = performance.now() - warmStart;
const firstCpuMs = cpuMs(warmCpu);
for (let i = 0; i < 10; i++) encryptBallot({ ...election, selections: selections(i) });

let cpu = process.cpuUsage();
let start = performance.now();
const ballots = Array.from({ length: count }, (_, i) => encryptBallot({ ...election, selections: selections(i) }));
const encryptMs = (performance.now() - start) / count;
const encryptCpuMs = cpuMs(cpu) / count;
cpu = process.cpuUsage();

start = performance.now();
for (const b of ballots) if (!verifyBallot(election, b).valid) throw new Error("a fresh ballot did not verify");
const verifyMs = (performance.now() - start) / count;
const verifyCpuMs = cpuMs(cpu) / count;

console.log(`node ${process.version}, ${candidates} candidates, L = 1, ${count} ballots`);
console.log(`  first encrypt+prove in a fresh process (JIT and the G and K tables: what a browser page pays): wall ${firstMs.toFixed(1)} ms, cpu ${firstCpuMs.toFixed(1)} ms`);
console.log(`  encrypt+prove: wall ${encryptMs.toFixed(2)} ms/ballot, cpu ${encryptCpuMs.toFixed(2)} ms/ballot`);
console.log(`  verify: wall ${verifyMs.toFixed(2)} ms/ballot, cpu ${verifyCpuMs.toFixed(2)} ms/ballot`);
void first;
