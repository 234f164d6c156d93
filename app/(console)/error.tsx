"use client";
import Link from "next/link";

/**
 * 500 inside the console. The error's text stays in the server log (it can name internals);
 * the digest shown here finds that log line.
 */
export default function ConsoleError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="center-box" data-testid="server-error" role="alert">
      <h1>Something went wrong</h1>
      <p>The console could not show this page. Try again; if it keeps failing, give your administrator the reference below.</p>
      {error.digest && <p className="muted small">Reference: <code>{error.digest}</code></p>}
      <p><button type="button" onClick={() => reset()}>Try again</button> <Link href="/">Back to the overview</Link></p>
    </div>
  );
}
