// Entry point of the crypto web worker: the ballot's encryption and proofs, the tally check and
// the inclusion proof run here, so the page's main thread stays free to paint and to answer.

import { serveCryptoRequests } from "./serve";
import type { MessageEndpoint } from "./protocol";

// `self` is typed as a Window by the DOM lib the app compiles with; in a worker it is the
// worker's global scope, whose postMessage takes the message alone.
serveCryptoRequests(self as unknown as MessageEndpoint);
