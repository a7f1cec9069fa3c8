// The one crypto worker of a browser tab, started on first use (never during server rendering).

import { CryptoClient } from "./client";
import { serveCryptoRequests } from "./serve";

let client: CryptoClient | null = null;

export function cryptoClient(): CryptoClient {
  if (client) return client;
  if (typeof Worker === "function") {
    // This exact form (a literal URL beside import.meta.url, type module) is what Turbopack and
    // webpack recognise to bundle the worker as its own chunk.
    const worker = new Worker(new URL("./crypto.worker.ts", import.meta.url), { type: "module" });
    const started = new CryptoClient(worker);
    worker.addEventListener("error", () => {
      started.failAll("Your browser could not start the part of this page that does the cryptography. Reload the page and try again.");
      client = null;
    });
    client = started;
  } else {
    // No Worker (a test DOM, a very old browser): the same code behind a MessageChannel, on this thread.
    const channel = new MessageChannel();
    serveCryptoRequests(channel.port2);
    client = new CryptoClient(channel.port1);
  }
  return client;
}
