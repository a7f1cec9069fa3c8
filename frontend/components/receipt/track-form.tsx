/** A plain GET form: works without scripts, lands on /receipt?tx=… which redirects. */
export function TrackForm({ defaultValue, error }: { defaultValue?: string; error?: string }) {
  return (
    <form action="/receipt" method="get" className="form" role="search" aria-label="Track a vote">
      <div className="field">
        <label htmlFor="track-tx">Transaction id</label>
        <span className="hint" id="track-tx-hint">The 0x… transaction id from your receipt (66 characters).</span>
        <input
          id="track-tx"
          name="tx"
          type="text"
          inputMode="text"
          autoComplete="off"
          spellCheck={false}
          defaultValue={defaultValue}
          aria-describedby={error ? "track-tx-hint track-tx-error" : "track-tx-hint"}
          aria-invalid={error ? true : undefined}
        />
        {error && <span className="field-error" id="track-tx-error">{error}</span>}
      </div>
      <button type="submit">Track</button>
    </form>
  );
}
