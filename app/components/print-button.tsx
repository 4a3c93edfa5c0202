import { useEffect, useState } from "react";

/**
 * Opens the browser's print dialog. Shown once the page's script runs (without it the button could do nothing;
 * the browser's own Print still works), and never printed itself.
 */
export function PrintButton({ label }: { label: string }) {
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);
  if (!ready) return null;
  return (
    <button type="button" className="button primary no-print" onClick={() => window.print()}>
      {label}
    </button>
  );
}
