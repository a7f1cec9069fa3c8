import type { ReactNode } from "react";

/**
 * A table's box, which scrolls sideways when the table is wider than a phone's screen. It is a
 * labelled region in the tab order so that a keyboard user can scroll it too (axe-core's
 * scrollable-region-focusable, found on the explorer at 390 px).
 */
export function TableWrap({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-wrap" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
