import Link from "next/link";
import { redirect } from "next/navigation";
import { getSessionUser } from "@/lib/auth/get-session-user";
import { can } from "@/lib/auth/permissions";
import { requirePageUser } from "@/lib/auth/require-user";
import { getOverview, type TLinkedCount } from "@/lib/console/get-overview";
import { SEVERITY_ORDER } from "@/lib/analysis/findings/make-finding";
import { EmptyState } from "../_components/empty-state";
import { OverviewCharts } from "./overview-charts-client";

function Count({ item }: { item: TLinkedCount }) {
  return (
    <Link href={item.href} className="card" data-testid={`count-${item.label}`}>
      <span className="value">{item.value.toLocaleString("en")}</span>
      <span className="label">{item.label}</span>
    </Link>
  );
}

export default async function OverviewPage() {
  // Reviewers read only what their review items need: their start page is the review list.
  const signedIn = await getSessionUser();
  if (signedIn && !can(signedIn, "inventory.read") && can(signedIn, "reviews.read")) redirect("/reviews");
  const user = await requirePageUser("inventory.read");
  const overview = await getOverview({ user });
  const maxKeys = Math.max(1, ...overview.keyAges.map((k) => k.value));
  const trend = overview.trend.map((point) => ({ run: `#${point.collectionRunId}`, findingsBySeverity: point.findingsBySeverity, adminEquivalent: point.adminEquivalent, externalTrusts: point.externalTrusts, accessKeys: point.accessKeys }));
  return (
    <>
      <div className="page-head">
        <h1>Overview</h1>
        <span className="muted">
          {overview.analysis ? <>Snapshot of run {overview.analysis.collectionRunId}, analysed {overview.analysis.asOf.toISOString().slice(0, 16).replace("T", " ")} UTC</> : "No analysed snapshot yet"}
          {overview.lastRun && <> · last run <Link href={overview.lastRun.href}>#{overview.lastRun.id}</Link> <span className={`status-${overview.lastRun.status}`}>{overview.lastRun.status}</span></>}
        </span>
      </div>
      {overview.trend.length === 0 && (
        <EmptyState title="Nothing analysed yet" testId="overview-empty">
          No collection has finished and been analysed, so there is nothing to count. Start one from the <Link href="/collection">Collection</Link> page (admins), or wait for the scheduled sweep.
        </EmptyState>
      )}
      {overview.trend.length > 0 && (
        <>
          <h2>Over the snapshots</h2>
          <OverviewCharts trend={trend} severities={overview.findingsBySeverity ? [...SEVERITY_ORDER] : []} keyAges={overview.keyAges.map(({ label, value }) => ({ label, value }))} />
        </>
      )}
      <h2>Accounts</h2>
      <div className="cards">{Object.values(overview.accounts).map((item) => <Count key={item.label} item={item} />)}</div>
      <h2>Principals</h2>
      <div className="cards">
        {overview.principalsByKind.map((item) => <Count key={item.label} item={item} />)}
        <Count item={overview.adminEquivalent} />
      </div>
      {overview.findingsBySeverity && (
        <>
          <h2>Open findings by severity</h2>
          <div className="cards">{overview.findingsBySeverity.map((item) => <Count key={item.label} item={item} />)}</div>
        </>
      )}
      {overview.findingsByCisControl && overview.findingsByCisControl.length > 0 && (
        <>
          <h2>Open findings by CIS AWS Foundations v5 control</h2>
          <table>
            <tbody>
              {overview.findingsByCisControl.map((item) => (
                <tr key={item.label}><td><Link href={item.href}>{item.label}</Link> {item.title}</td><td className="num">{item.value}</td></tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <h2>Access key age</h2>
      <table>
        <tbody>
          {overview.keyAges.map((item) => (
            <tr key={item.label}>
              <td style={{ width: 140 }}><Link href={item.href}>{item.label}</Link></td>
              <td><span className="bar" style={{ width: `${(item.value / maxKeys) * 60}%` }} /> {item.value}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Trend across snapshots</h2>
      {overview.trend.length === 0 ? <p className="muted">No analysed snapshot yet.</p> : (
        <table data-testid="trend-table">
          <thead><tr><th>Run</th><th>Analysed</th><th className="num">Principals</th><th className="num">Admin-equivalent</th><th className="num">External trusts</th><th className="num">Access keys</th><th className="num">Findings</th></tr></thead>
          <tbody>
            {overview.trend.map((point) => (
              <tr key={point.analysisId}>
                <td><Link href={point.href}>#{point.collectionRunId}</Link></td>
                <td>{point.finishedAt?.toISOString().slice(0, 16).replace("T", " ") ?? "—"}</td>
                <td className="num">{point.principals}</td>
                <td className="num">{point.adminEquivalent}</td>
                <td className="num">{point.externalTrusts}</td>
                <td className="num">{point.accessKeys}</td>
                <td className="num">{point.findings}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
