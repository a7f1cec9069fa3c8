"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { browserApi, errorMessage } from "@/lib/api/client";
import type { ElectionStatus } from "@/lib/api/types";

type Action = "open" | "close" | "tally";

const labels: Record<Action, { button: string; busy: string; done: string }> = {
  open: { button: "Open voting", busy: "Opening (waiting for the chain to make it final)…", done: "Voting is open." },
  close: { button: "Close voting", busy: "Closing…", done: "Voting is closed." },
  tally: { button: "Run the tally", busy: "Counting (summing and decrypting)…", done: "The tally is published." },
};

function actionsFor(status: ElectionStatus | string): Action[] {
  if (status === "draft") return ["open"];
  if (status === "open") return ["close"];
  if (status === "closed") return ["tally"];
  return [];
}

export function ElectionActions({ id, title, status }: { id: number; title: string; status: ElectionStatus | string }) {
  const router = useRouter();
  const [busy, setBusy] = useState<Action | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  async function run(action: Action) {
    setBusy(action);
    setMessage(null);
    const api = browserApi();
    try {
      if (action === "open") await api.openElection(id);
      if (action === "close") await api.closeElection(id);
      if (action === "tally") await api.tallyElection(id);
      setMessage({ ok: true, text: labels[action].done });
    } catch (e) {
      setMessage({ ok: false, text: errorMessage(e) });
    } finally {
      setBusy(null);
      router.refresh(); // even after an error: the state may have moved on (e.g. a slow open that finished)
    }
  }

  return (
    <div className="stack">
      <div className="row">
        {actionsFor(status).map((a) => (
          <button key={a} type="button" className={a === "close" ? "danger" : undefined} disabled={busy !== null} onClick={() => run(a)} aria-label={`${labels[a].button}: ${title}`}>
            {busy === a ? labels[a].busy : labels[a].button}
          </button>
        ))}
        {status === "tallied" && <Link href={`/elections/${id}/results`}>Results</Link>}
      </div>
      <div aria-live="polite">
        {message && <p className={message.ok ? "small" : "field-error"} role={message.ok ? "status" : "alert"}>{message.text}</p>}
      </div>
    </div>
  );
}
