import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePageUser } from "@/lib/auth/require-user";
import { can } from "@/lib/auth/permissions";
import { isConsoleError } from "@/lib/console/console-error";
import { resourceHref } from "@/lib/console/resource-list-query";
import { firstValues, toQueryString, zSerialId, type TRawSearchParams } from "@/lib/console/search-params";
import { getCampaignProgress } from "@/lib/reviews/get-campaign-progress";
import { getCampaignReport } from "@/lib/reviews/get-campaign-report";
import { ITEMS_PAGE_SIZE, listReviewItems } from "@/lib/reviews/list-review-items";
import { ZItemFilters } from "@/lib/reviews/review-schemas";
import { BulkDecisionClient, ItemDecisionClient, OverrideClient, SignOffClient } from "./decision-forms-client";
import { ItemDecisionView } from "./item-decision-view";
import { ItemEvidenceDisclosure } from "./item-evidence-disclosure-client";
import { ItemSummary } from "./item-summary";
import { RemediationList } from "./remediation-list";
import { listAccounts } from "@/lib/console/list-accounts";
import { LongId } from "../../../_components/long-id";

export const dynamic = "force-dynamic";
const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : "—");

export default async function CampaignPage(props: { params: Promise<{ id: string }>; searchParams: Promise<TRawSearchParams> }) {
  const user = await requirePageUser("reviews.read");
  const parsedId = zSerialId.safeParse((await props.params).id);
  if (!parsedId.success) notFound();
  const campaignId = parsedId.data;
  const filters = ZItemFilters.parse(firstValues(await props.searchParams));
  // The figures above the items are counted in SQL; only a signed-off campaign's remediation
  // list reads every item (getCampaignReport), the item table reads one page.
  const report = await getCampaignProgress({ user, campaignId }).catch((error) => { if (isConsoleError(error) && error.code === "not-found") notFound(); throw error; });
  const { items, total } = await listReviewItems({ user, campaignId, filters });
  const { campaign: c, totals } = report;
  const signedOff = c.status === "signed-off";
  const remediationItems = signedOff ? (await getCampaignReport({ user, campaignId })).items : [];
  const decide = can(user, "reviews.decide") && !signedOff;
  const override = can(user, "reviews.override") && !signedOff;
  const urlFilters = { account: filters.account, state: filters.state === "all" ? undefined : filters.state, kind: filters.kind, adminOnly: filters.adminOnly, reviewer: filters.reviewer };
  const accounts = report.accountIds;
  const accountName = new Map((await listAccounts({ user })).accounts.map((a) => [a.id, a.name]));
  const named = (id: string) => (accountName.has(id) ? `${accountName.get(id)} (${id})` : id);
  const pages = Math.max(1, Math.ceil(total / ITEMS_PAGE_SIZE));
  return (
    <>
      <div className="page-head"><h1>{c.name}</h1><Link href="/reviews">All campaigns</Link></div>
      {c.description && <p>{c.description}</p>}
      <dl className="facts">
        <dt>Status</dt><dd><span className={`badge ${signedOff ? "ok" : "warn"}`}>{c.status}</span>{signedOff && ` by ${c.signedOffBy} on ${day(c.signedOffAt)}${c.signOffComment ? `: ${c.signOffComment}` : ""}`}</dd>
        <dt>Scope</dt><dd>{c.scope.accountIds.length || c.scope.ouIds.length ? [...c.scope.accountIds.map(named), ...c.scope.ouIds].join(", ") : "every account"} · {c.scope.only === "resource-shares" ? "resources shared outside the organization or public" : <>{c.scope.kinds.join(", ")} · only {c.scope.only}</>}</dd>
        <dt>Snapshot</dt><dd>collection run {c.collectionRunId}, analysis {c.analysisId} ({day(c.snapshotAt)})</dd>
        <dt>Due</dt><dd>{day(c.dueAt)}</dd>
        <dt>Created</dt><dd>{day(c.createdAt)} by {c.createdBy}</dd>
      </dl>
      <h2>Reviewers</h2>
      <table>
        <thead><tr><th>Reviewer</th><th className="num">Decided</th><th className="num">Left</th><th className="num">Keep</th><th className="num">Revoke</th><th className="num">Change</th><th>Progress</th></tr></thead>
        <tbody>
          {report.reviewers.map((r) => (
            <tr key={r.reviewerEmail}>
              <td>{r.reviewerEmail}</td><td className="num">{r.decided}/{r.total}</td><td className="num" data-testid="reviewer-left">{r.total - r.decided}</td><td className="num">{r.keep}</td><td className="num">{r.revoke}</td><td className="num">{r.change}</td>
              <td><progress value={r.decided} max={r.total} /> {Math.round(r.completionRate * 100)}%</td>
            </tr>
          ))}
        </tbody>
      </table>
      {can(user, "reviews.signoff") && !signedOff && <SignOffClient campaignId={c.id} open={totals.open} decidedByYou={report.decidedByCaller} />}
      {signedOff && <RemediationList items={remediationItems} />}
      <h2>Items</h2>
      <form className="filters" method="get">
        <label>Account <select name="account" defaultValue={filters.account ?? ""}><option value="">all</option>{accounts.map((a) => <option key={a} value={a}>{named(a)}</option>)}</select></label>
        <label>Decision <select name="state" defaultValue={filters.state}>{["all", "open", "decided", "keep", "revoke", "change"].map((s) => <option key={s} value={s}>{s}</option>)}</select></label>
        <label>Kind <select name="kind" defaultValue={filters.kind ?? ""}><option value="">all</option><option value="iam-user">IAM user</option><option value="iam-role">IAM role</option><option value="sso-user">Identity Center user</option></select></label>
        <label><input type="checkbox" name="adminOnly" value="1" defaultChecked={!!filters.adminOnly} /> admin-equivalent only</label>
        <button type="submit" className="secondary">Filter</button>
      </form>
      {decide && <BulkDecisionClient campaignId={c.id} filters={urlFilters} matching={total} />}
      <table aria-label="Review items" className="fixed">
        <colgroup><col style={{ width: "30%" }} /><col style={{ width: "14%" }} /><col style={{ width: "18%" }} /><col style={{ width: "14%" }} /><col /></colgroup>
        <thead><tr><th>Principal</th><th>Account</th><th>Access</th><th>Reviewer</th><th>Decision</th></tr></thead>
        <tbody>
          {items.map((i) => (
            <tr key={i.id} data-item-id={i.id}>
              <td>
                <ItemEvidenceDisclosure campaignId={c.id} itemId={i.id}
                  summary={<><strong>{i.principalName}</strong> <span className="muted small">{i.principalKind}</span>{i.evidence.access?.adminEquivalent && <> <span className="badge critical">admin{i.evidence.access.adminDefinite ? "" : " (conditional)"}</span></>}</>}>
                  <div className="small"><LongId value={i.principalArn ?? i.principalKey} copy /></div>
                  {can(user, "evidence.read") && (
                    <div className="small">
                      {i.accessKind === "resource-share" && i.targetKey ? <Link href={resourceHref(i.targetKey)}>resource page</Link> : <>
                        <Link href={`/principals/${encodeURIComponent(i.principalKey)}`}>principal page</Link>
                        {i.targetKey && <> · <Link href={`/principals/${encodeURIComponent(i.targetKey)}`}>role reached</Link></>}
                        {" · "}<Link href={`/findings?principal=${encodeURIComponent(i.principalKey)}`}>its findings</Link>
                      </>}
                    </div>
                  )}
                </ItemEvidenceDisclosure>
                <ItemSummary evidence={i.evidence} />
              </td>
              <td>{accountName.get(i.accountId) ?? ""}<div className="mono small muted">{i.accountId}</div></td>
              <td>{i.accessKind}{i.targetKey && <div className="small muted">{i.evidence.resourceShare ? `${i.evidence.resourceShare.resourceType} ${i.evidence.resourceShare.resourceName}` : i.evidence.access?.principalName ?? i.targetKey}</div>}</td>
              <td className="small"><LongId value={i.reviewerEmail} />{i.reassignedFrom && <div className="muted" data-testid="reassigned">reassigned from {i.reassignedFrom}: their own access (segregation of duties)</div>}</td>
              <td>
                <ItemDecisionView reviewerDecision={i.reviewerDecision} override={i.override} />
                {i.ownAccess && (decide || override)
                  ? <div className="small muted">Your own access: {i.reviewerEmail} decides it (segregation of duties).</div>
                  : i.decision === null ? decide && <ItemDecisionClient campaignId={c.id} itemId={i.id} />
                  : override && <OverrideClient campaignId={c.id} itemId={i.id} current={i.decision} />}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {items.length === 0 && <p className="muted">No item matches these filters.</p>}
      {pages > 1 && (
        <div className="pagination">
          {filters.page > 1 && <Link href={toQueryString({ values: { ...urlFilters, page: filters.page - 1 }, defaults: { page: 1 } }) || "?"}>← previous</Link>}
          <span>page {filters.page} of {pages} ({total} items)</span>
          {filters.page < pages && <Link href={toQueryString({ values: { ...urlFilters, page: filters.page + 1 }, defaults: { page: 1 } })}>next →</Link>}
        </div>
      )}
    </>
  );
}
