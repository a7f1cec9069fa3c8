"use client";

// Shown when a page fails unexpectedly; says so in words and offers a retry.
export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <>
      <h1>Something went wrong</h1>
      <div className="alert error" role="alert">
        <p>This page could not be shown. The voting service may be restarting.</p>
      </div>
      <button type="button" onClick={() => reset()}>Try again</button>
    </>
  );
}
