"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";

/** Re-renders the server page every few seconds; can be paused (for reading, or for screen readers). */
export function AutoRefresh({ seconds = 5 }: { seconds?: number }) {
  const router = useRouter();
  const [on, setOn] = useState(true);
  useEffect(() => {
    if (!on) return;
    const t = setInterval(() => router.refresh(), seconds * 1000);
    return () => clearInterval(t);
  }, [on, seconds, router]);
  return (
    <button type="button" className="secondary" onClick={() => setOn((v) => !v)} aria-pressed={!on}>
      {on ? `Live (every ${seconds} s) — pause` : "Paused — resume live updates"}
    </button>
  );
}
