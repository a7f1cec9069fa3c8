// The worker's side of the protocol: runs each request's job and answers with progress
// reports, then one result or one error.

import { runJob } from "./jobs";
import type { CryptoRequest, CryptoResponse, MessageEndpoint } from "./protocol";

export function serveCryptoRequests(endpoint: MessageEndpoint): void {
  const reply = (response: CryptoResponse) => endpoint.postMessage(response);
  endpoint.addEventListener("message", (event: MessageEvent) => {
    const { id, job } = event.data as CryptoRequest;
    try {
      const value = runJob(job, (progress) => reply({ id, type: "progress", ...progress }));
      reply({ id, type: "result", value });
    } catch (e) {
      reply({ id, type: "error", message: e instanceof Error ? e.message : String(e) });
    }
  });
  endpoint.start?.();
}
