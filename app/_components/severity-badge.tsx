/** A finding's severity in its colour, the same on every page. */
export function SeverityBadge({ severity }: { severity: string }) {
  return <span className={`badge sev sev-${severity}`}>{severity}</span>;
}
