import { Fragment } from "react";
import { CopyButton } from "./copy-button-client";

/**
 * An ARN, key or other long identifier: breaks only after its separators (: / . _), never
 * mid-word, and can be copied whole. `truncate` shows one line with an ellipsis and the
 * full value on hover.
 */
export function LongId({ value, truncate = false, copy = false, className }: { value: string; truncate?: boolean; copy?: boolean; className?: string }) {
  const parts = value.split(/(?<=[:/._@])/);
  return (
    <span className={`long-id mono${truncate ? " truncate" : ""}${className ? ` ${className}` : ""}`} title={truncate ? value : undefined}>
      <span className="long-id-text">{parts.map((part, i) => <Fragment key={i}>{part}{i < parts.length - 1 && <wbr />}</Fragment>)}</span>
      {copy && <CopyButton value={value} />}
    </span>
  );
}
