// Components that call useRouter() need the App Router's context, which Next.js provides only
// inside a running app; this provides one that records what the component asked of it.
import { render, type RenderResult } from "@testing-library/react";
import { AppRouterContext, type AppRouterInstance } from "next/dist/shared/lib/app-router-context.shared-runtime";
import type { ReactElement } from "react";
import { vi } from "vitest";

export function renderWithRouter(ui: ReactElement): RenderResult & { router: AppRouterInstance } {
  const router: AppRouterInstance = {
    back: vi.fn(), forward: vi.fn(), refresh: vi.fn(), push: vi.fn(), replace: vi.fn(), prefetch: vi.fn(), bfcacheId: "test",
  };
  const result = render(<AppRouterContext.Provider value={router}>{ui}</AppRouterContext.Provider>);
  return { ...result, router };
}
