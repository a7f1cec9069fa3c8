"use client";

import { useRouter } from "next/navigation";
import { useState, type ChangeEvent } from "react";
import { browserApi, errorMessage } from "@/lib/api/client";
import type { ElectionStatus } from "@/lib/api/types";
import { uploadRoll, type UploadProgress } from "@/lib/roll-upload";

interface Props {
  id: number;
  title: string;
  status: ElectionStatus | string;
  entries: number;
  /** Stands in for the network in tests. */
  upload?: typeof uploadRoll;
}

/**
 * The official's voter roll for one election (docs/voter-roll.md): upload the CSV while the
 * election is a draft, with progress, then download the enrolment codes, which the API issues once.
 */
export function RollPanel({ id, title, status, entries, upload = uploadRoll }: Props) {
  const router = useRouter();
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const [busy, setBusy] = useState<"upload" | "codes" | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  async function onFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = "";
    if (!file) return;
    setBusy("upload");
    setMessage(null);
    setProgress({ sent: 0, total: file.size });
    try {
      const stored = await upload(id, file, setProgress);
      setMessage({
        ok: true,
        text: `The roll has ${stored.entries} voters (${stored.duplicates} repeated and ${stored.blank_lines} blank lines skipped). Download the codes next: they are shown once.`,
      });
      router.refresh();
    } catch (e) {
      setMessage({ ok: false, text: errorMessage(e) });
    } finally {
      setBusy(null);
    }
  }

  async function downloadCodes() {
    setBusy("codes");
    setMessage(null);
    try {
      const codes = await browserApi().rollCodes(id);
      const link = document.createElement("a");
      link.href = URL.createObjectURL(codes);
      link.download = `election-${id}-enrolment-codes.csv`;
      link.click();
      URL.revokeObjectURL(link.href);
      setMessage({ ok: true, text: "The codes were downloaded. Keep the file safe: they cannot be downloaded again." });
    } catch (e) {
      setMessage({ ok: false, text: errorMessage(e) });
    } finally {
      setBusy(null);
    }
  }

  const percent = progress && progress.total > 0 ? Math.round((100 * progress.sent) / progress.total) : 0;
  return (
    <div className="stack" data-testid="roll-panel">
      <p className="small">Voter roll: {entries === 0 ? "none uploaded yet" : `${entries} voters`}</p>
      {status === "draft" && (
        <div className="field">
          <label htmlFor={`roll-file-${id}`}>Upload the roll (CSV, one voter identifier per line)</label>
          <input id={`roll-file-${id}`} type="file" accept=".csv,text/csv,text/plain" disabled={busy !== null} onChange={onFile} aria-describedby={`roll-hint-${id}`} />
          <p id={`roll-hint-${id}`} className="small muted">A new upload replaces the roll and voids codes already issued.</p>
        </div>
      )}
      {busy === "upload" && progress && (
        <div className="work-progress">
          <progress max={100} value={percent} aria-label={`Roll of ${title}: ${percent} % uploaded`} />
          <span className="small muted">{percent} % uploaded</span>
        </div>
      )}
      {entries > 0 && (
        <button type="button" className="secondary" disabled={busy !== null} onClick={downloadCodes} aria-label={`Download the enrolment codes (once): ${title}`}>
          {busy === "codes" ? "Issuing the codes…" : "Download the enrolment codes (once)"}
        </button>
      )}
      <div aria-live="polite">
        {message && <p className={message.ok ? "small" : "field-error"} role={message.ok ? "status" : "alert"}>{message.text}</p>}
      </div>
    </div>
  );
}
