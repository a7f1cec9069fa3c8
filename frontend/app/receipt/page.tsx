import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { TrackForm } from "@/components/receipt/track-form";
import { normalizeTxHash } from "@/lib/format";

export const metadata: Metadata = { title: "Track a vote" };

export default async function TrackPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const raw = typeof params.tx === "string" ? params.tx : undefined;
  const hash = raw === undefined ? null : normalizeTxHash(raw);
  if (hash) redirect(`/receipt/${hash}`);
  return (
    <>
      <h1>Track a vote</h1>
      <p className="lead">Anyone with a transaction id can follow the vote and check that it is in the chain. No login needed.</p>
      <TrackForm
        defaultValue={raw}
        error={raw === undefined ? undefined : "That is not a transaction id: it is 0x followed by 64 hexadecimal characters."}
      />
    </>
  );
}
