import { apiTarget } from "@/lib/server/api-target";
import { proxyToApi } from "@/lib/server/proxy";

type Context = { params: Promise<{ path: string[] }> };

async function handle(request: Request, context: Context): Promise<Response> {
  const { path } = await context.params;
  return proxyToApi(request, path, { target: apiTarget() });
}

export const GET = handle;
export const POST = handle;
export const PUT = handle;
export const PATCH = handle;
export const DELETE = handle;
