"use client";
import { useState } from "react";

/** Copies a value (an ARN, a key) to the clipboard; says so for a moment. */
export function CopyButton({ value }: { value: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button" className="copy-button" aria-label={`Copy ${value}`} title="Copy"
      onClick={async () => {
        await navigator.clipboard?.writeText(value).catch(() => undefined);
        setCopied(true);
        setTimeout(() => setCopied(false), 1500);
      }}
    >
      {copied ? "copied" : "copy"}
    </button>
  );
}
