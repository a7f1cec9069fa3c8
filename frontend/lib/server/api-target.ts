// Where the API is, read at run time (never baked in at build time): Aspire-style service
// discovery first (the AppHost injects services__api__http__0), then API_URL.

export function apiTarget(env: Record<string, string | undefined> = process.env): string {
  const candidates = [
    env.services__api__http__0,
    env.services__api__https__0,
    env.API_URL,
  ];
  for (const c of candidates) {
    if (c && c.trim() !== "") return c.trim().replace(/\/+$/, "");
  }
  // The API's default local port (docs/architecture.md#topology-and-default-ports) when nothing was configured.
  return "http://localhost:8000";
}
