// happy-dom has no Worker. This one runs the real crypto worker's server (lib/crypto-worker/serve)
// and, like a real worker running beside the page, hands its messages to the page one task at a
// time, so the page renders between two progress reports (on one thread they would all arrive
// in one batch and React would only ever render the last).
import { serveCryptoRequests } from "@/lib/crypto-worker/serve";

type Listener = (event: MessageEvent) => void;

export class PacedWorker {
  static created: { url: string; type: string | undefined }[] = [];
  private readonly pageListeners: Listener[] = [];
  private readonly workerListeners: Listener[] = [];
  private readonly toPage: unknown[] = [];
  private delivering = false;

  constructor(url: URL | string, options?: WorkerOptions) {
    PacedWorker.created.push({ url: String(url), type: options?.type });
    serveCryptoRequests({
      postMessage: (message) => this.queueForPage(message),
      addEventListener: (_type, listener) => this.workerListeners.push(listener),
    });
  }

  addEventListener(type: string, listener: Listener): void {
    if (type === "message") this.pageListeners.push(listener);
  }

  postMessage(message: unknown): void {
    // structuredClone: what crosses to a worker is a copy, as with a real one.
    const copy = structuredClone(message);
    setTimeout(() => this.workerListeners.forEach((l) => l(new MessageEvent("message", { data: copy }))), 1);
  }

  terminate(): void {}

  private queueForPage(message: unknown): void {
    this.toPage.push(structuredClone(message));
    if (!this.delivering) this.deliverNext();
  }

  private deliverNext(): void {
    this.delivering = this.toPage.length > 0;
    if (!this.delivering) return;
    setTimeout(() => {
      const data = this.toPage.shift();
      this.pageListeners.forEach((l) => l(new MessageEvent("message", { data })));
      this.deliverNext();
    }, 5);
  }
}
