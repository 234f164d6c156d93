import Link from "next/link";
import { FINDING_RULES } from "@/lib/analysis/findings/finding-rules";
import { can, type TSessionUser } from "@/lib/auth/permissions";
import { findingListHref, findingView, type TFindingListQuery } from "@/lib/console/finding-list-query";
import { listAccounts } from "@/lib/console/list-accounts";
import { listFindingGroups } from "@/lib/console/list-finding-groups";
import { listFindingRules } from "@/lib/console/list-finding-rules";
import { listFindings } from "@/lib/console/list-findings";
import { EmptyState } from "../../_components/empty-state";
import { FindingFilters } from "./finding-filters";
import { FindingGroups } from "./finding-groups";
import { FindingTable } from "./finding-table";
import { ListPagination } from "./list-pagination";

const RULE_TITLES = new Map(FINDING_RULES.map((rule) => [rule.id, rule.title]));

/** The findings (or unused-access) list: grouped by rule by default, every finding once a rule or another narrowing filter is chosen. */
export async function FindingsView({ user, query, unused = false }: { user: TSessionUser; query: TFindingListQuery; unused?: boolean }) {
  const base = unused ? "/unused" : "/findings";
  const view = findingView(query);
  const [{ accounts }, rules] = await Promise.all([listAccounts({ user }), listFindingRules({ user, unusedOnly: unused })]);
  const ruleOptions = rules.map((id) => ({ value: id, label: `${RULE_TITLES.get(id) ?? id} (${id})` }));
  const emptyHint = query.status === "open"
    ? <>No open finding{unused ? " of unused access" : ""} matches these filters. {unused ? "Unused-access rules need Access Advisor data: if a collection has not read it yet, run one from the Collection page." : "Clear a filter, or show accepted and resolved ones too (Status: all)."}</>
    : <>Clear a filter to see more.</>;
  const filters = <FindingFilters query={query} accounts={accounts} rules={ruleOptions} showCis={!unused} />;
  if (view === "rules") {
    const groups = await listFindingGroups({ user, query, unusedOnly: unused });
    return <>{filters}<FindingGroups groups={groups} query={query} base={base} emptyHint={emptyHint} /></>;
  }
  const list = await listFindings({ user, query, unusedOnly: unused });
  const href = (page: number) => findingListHref(query, { page }, base);
  return (
    <>
      {filters}
      {query.rule && <p className="small"><Link href={findingListHref(query, { rule: undefined, view: undefined, page: undefined }, base)}>← all rules</Link> · <strong>{RULE_TITLES.get(query.rule) ?? query.rule}</strong></p>}
      <ListPagination page={query.page} pageSize={query.pageSize} total={list.total} href={href} />
      {list.rows.length === 0 ? <EmptyState title="No findings match" testId="findings-empty">{emptyHint}</EmptyState> : <FindingTable rows={list.rows} canAccept={can(user, "findings.accept")} unused={unused} />}
      {list.total > query.pageSize && <ListPagination page={query.page} pageSize={query.pageSize} total={list.total} href={href} />}
    </>
  );
}
