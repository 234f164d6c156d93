import type { ReactNode } from "react";

/** An empty table's explanation: why there is nothing, and what to do about it. */
export function EmptyState({ title, children, testId }: { title: string; children?: ReactNode; testId?: string }) {
  return (
    <div className="empty-state" data-testid={testId ?? "empty-state"}>
      <strong>{title}</strong>
      {children && <div className="muted">{children}</div>}
    </div>
  );
}
