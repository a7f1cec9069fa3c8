// The read-only JSON-RPC proxy to the validators the results page's tally check reads the chain through.

import { proxyChainRpc, validatorTargets } from "@/lib/server/chain-rpc-proxy";

export const dynamic = "force-dynamic";

export function POST(request: Request): Promise<Response> {
  // Read per request, like the API's address: the AppHost sets it at run time, never at build time.
  return proxyChainRpc(request, { targets: validatorTargets() });
}
