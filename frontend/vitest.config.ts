import { defineConfig } from "vitest/config";
import { fileURLToPath } from "node:url";

// Two projects: pure modules (and the crypto worker's protocol) in Node, components in a
// happy-dom document. `npx vitest run` runs both; `--project components` one of them.
export default defineConfig({
  resolve: { alias: { "@": fileURLToPath(new URL("./", import.meta.url)) } },
  test: {
    testTimeout: 30000,
    projects: [
      {
        extends: true,
        test: { name: "lib", include: ["lib/**/*.test.ts"], environment: "node" },
      },
      {
        extends: true,
        test: {
          name: "components",
          include: ["components/**/*.test.{ts,tsx}"],
          environment: "happy-dom",
          setupFiles: ["components/testing/setup.ts"],
        },
      },
    ],
  },
});
