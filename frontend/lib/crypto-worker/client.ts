// The page's side of the protocol: one promise per job, progress reports passed to a callback.

import type { CryptoJob, CryptoJobResults, CryptoResponse, MessageEndpoint, Progress } from "./protocol";

interface Pending {
  resolve: (value: never) => void;
  reject: (error: Error) => void;
  onProgress?: (p: Progress) => void;
}

export class CryptoClient {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(private readonly endpoint: MessageEndpoint) {
    endpoint.addEventListener("message", (event: MessageEvent) => this.receive(event.data as CryptoResponse));
    endpoint.start?.();
  }

  run<J extends CryptoJob>(job: J, onProgress?: (p: Progress) => void): Promise<CryptoJobResults[J["kind"]]> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: never) => void, reject, onProgress });
      this.endpoint.postMessage({ id, job });
    });
  }

  /** Fails every job still waiting (the worker could not be loaded or crashed). */
  failAll(message: string): void {
    for (const p of this.pending.values()) p.reject(new Error(message));
    this.pending.clear();
  }

  private receive(response: CryptoResponse): void {
    const p = this.pending.get(response.id);
    if (!p) return;
    if (response.type === "progress") {
      p.onProgress?.({ phase: response.phase, done: response.done, total: response.total });
      return;
    }
    this.pending.delete(response.id);
    if (response.type === "result") p.resolve(response.value as never);
    else p.reject(new Error(response.message));
  }
}
