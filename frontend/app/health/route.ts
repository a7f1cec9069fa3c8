// Liveness for the AppHost's and compose's health checks: the Next.js server answers. It does not
// call the API, so a restarting API does not make the frontend look dead.
export function GET(): Response {
  return Response.json({ status: "Healthy" }, { headers: { "cache-control": "no-store" } });
}
