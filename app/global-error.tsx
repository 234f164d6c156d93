"use client";
import "./globals.css";

/** Last resort when even the root layout fails: its own html and body, no details shown. */
export default function GlobalError({ error }: { error: Error & { digest?: string } }) {
  return (
    <html lang="en">
      <body>
        <div className="center-box" data-testid="server-error" role="alert">
          <h1>Something went wrong</h1>
          <p>Access Atlas could not answer this request. Reload the page; if it keeps failing, give your administrator the reference below.</p>
          {error.digest && <p className="muted small">Reference: <code>{error.digest}</code></p>}
          <a href="/">Go to the overview</a>
        </div>
      </body>
    </html>
  );
}
