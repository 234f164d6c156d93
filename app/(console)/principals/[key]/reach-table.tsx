import Link from "next/link";
import type { TReachRow } from "@/lib/console/get-principal-reach";
import { LongId } from "../../../_components/long-id";

const href = (key: string) => `/principals/${encodeURIComponent(key)}`;

/** Principals on the other end of a reach relation, each with its path of hops. */
export function ReachTable({ rows, testId, empty }: { rows: TReachRow[]; testId: string; empty: string }) {
  if (rows.length === 0) return <p className="muted" data-testid={testId}>{empty}</p>;
  return (
    <table data-testid={testId}>
      <thead><tr><th>Principal</th><th>Account</th><th className="num">Hops</th><th>Path</th></tr></thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key}>
            <td><Link href={href(r.key)}><LongId value={r.name} /></Link>{r.conditional && <> <span className="badge warn">conditional</span></>}</td>
            <td className="mono">{r.accountId ?? "—"}</td>
            <td className="num">{r.hopCount}</td>
            <td className="small">
              {r.hops.map((h, i) => (
                <span key={i}>
                  {i === 0 && <Link href={href(h.from)}>{h.fromName}</Link>}
                  {" → "}<span className="muted">{h.via}{h.throughGroup && ` via group ${h.throughGroup}`}{h.permissionSetName && ` (${h.permissionSetName})`}{h.conditional && ", conditional"}</span>{" → "}
                  <Link href={href(h.to)}>{h.toName}</Link>
                </span>
              ))}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
