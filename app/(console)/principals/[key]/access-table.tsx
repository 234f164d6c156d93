import Link from "next/link";
import { ACCESS_LEVELS, type TLevelCounts, type TServiceAccess } from "@/lib/console/get-principal-detail";

function Cell({ counts }: { counts: TLevelCounts | undefined }) {
  if (!counts || (counts.allowed === 0 && counts.partial === 0 && counts.conditional === 0)) return <td className="muted">—</td>;
  const parts: string[] = [];
  if (counts.allowed === counts.total) parts.push("full");
  else if (counts.allowed > 0) parts.push(`${counts.allowed}/${counts.total} actions`);
  if (counts.partial > 0) parts.push(`${counts.partial} on some resources`);
  if (counts.conditional > 0) parts.push(`${counts.conditional} conditional`);
  const tone = counts.allowed === counts.total ? "bad" : counts.allowed > 0 ? "warn" : "info";
  return <td><span className={`badge ${tone}`}>{parts.join(" · ")}</span></td>;
}

/** Effective access: service × access level, each cell saying how much of that level is granted. */
export function AccessTable({ services, keyHref, selected }: { services: TServiceAccess[]; keyHref: string; selected?: string }) {
  if (services.length === 0) return <p className="muted">No effective access.</p>;
  return (
    <table data-testid="effective-access">
      <thead><tr><th>Service</th>{ACCESS_LEVELS.map((l) => <th key={l}>{l}</th>)}</tr></thead>
      <tbody>
        {services.map((s) => (
          <tr key={s.service} style={s.service === selected ? { outline: "2px solid var(--warn)" } : undefined}>
            <td><Link href={`${keyHref}?service=${encodeURIComponent(s.service)}#policies`} title="highlight the statements granting it">{s.service}</Link> <span className="muted small">{s.serviceName}</span></td>
            {ACCESS_LEVELS.map((l) => <Cell key={l} counts={s.levels[l]} />)}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
