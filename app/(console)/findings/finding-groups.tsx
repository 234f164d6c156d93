import Link from "next/link";
import { SEVERITY_ORDER } from "@/lib/analysis/findings/make-finding";
import { cisControlTitle } from "@/lib/console/cis-control-title";
import { findingListHref, type TFindingListQuery } from "@/lib/console/finding-list-query";
import type { TFindingGroup } from "@/lib/console/list-finding-groups";
import { EmptyState } from "../../_components/empty-state";
import { SeverityBadge } from "../../_components/severity-badge";

/** One row per rule: worst severity, count by severity, accounts affected, and the link to its findings. */
export function FindingGroups({ groups, query, base, emptyHint }: { groups: TFindingGroup[]; query: TFindingListQuery; base: string; emptyHint: React.ReactNode }) {
  if (groups.length === 0) return <EmptyState title="No findings match" testId="findings-empty">{emptyHint}</EmptyState>;
  const total = groups.reduce((sum, g) => sum + g.count, 0);
  return (
    <>
      <p className="small muted" data-testid="group-summary">{total} findings under {groups.length} rules, most severe first. Open a rule for its findings.</p>
      <table data-testid="finding-groups" className="fixed">
        <colgroup><col style={{ width: 96 }} /><col /><col style={{ width: "24%" }} /><col style={{ width: 90 }} /><col style={{ width: 200 }} /><col style={{ width: 90 }} /></colgroup>
        <thead><tr><th>Severity</th><th>Rule</th><th>CIS control</th><th className="num">Findings</th><th>By severity</th><th className="num">Accounts</th></tr></thead>
        <tbody>
          {groups.map((g) => (
            <tr key={g.rule} data-testid="finding-group" data-rule={g.rule} data-count={g.count}>
              <td><SeverityBadge severity={g.severity} /></td>
              <td>
                <Link href={findingListHref(query, { rule: g.rule, view: "list", page: undefined }, base)}>{g.title}</Link>
                <div className="muted small mono">{g.rule}</div>
              </td>
              <td className="small">{g.cisControl ? <><strong>{g.cisControl}</strong> {cisControlTitle(g.cisControl)}</> : <span className="muted">—</span>}</td>
              <td className="num"><Link href={findingListHref(query, { rule: g.rule, view: "list", page: undefined }, base)} aria-label={`${g.count} findings of ${g.title}`}>{g.count}</Link></td>
              <td>{SEVERITY_ORDER.filter((s) => g.bySeverity[s]).map((s) => <span key={s} style={{ marginRight: 4 }}><SeverityBadge severity={s} /> {g.bySeverity[s]}</span>)}</td>
              <td className="num">{g.accounts}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
