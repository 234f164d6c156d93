import Link from "next/link";
import { requirePageUser } from "@/lib/auth/require-user";
import { listAccounts } from "@/lib/console/list-accounts";
import { firstValues, type TRawSearchParams } from "@/lib/console/search-params";
import { getCisReport, ZCisScope } from "@/lib/reports/get-cis-report";
import { listCampaignReports } from "@/lib/reports/list-campaign-reports";
import { CisResultsTable } from "./cis-results-table";

export const dynamic = "force-dynamic";

const FLAT_REPORTS = [
  { id: "key-age", title: "Access key age", about: "Every IAM access key with its age and last use." },
  { id: "unused-access", title: "Unused access", about: "Idle roles, users and credentials, and granted services never used." },
  { id: "external-trusts", title: "External trusts", about: "Role trusts reaching outside the organization." },
] as const;

export default async function ReportsPage({ searchParams }: { searchParams: Promise<TRawSearchParams> }) {
  const user = await requirePageUser("reports.read");
  const requested = firstValues(await searchParams).account ?? "org";
  const scope = ZCisScope.safeParse(requested).success ? requested : "org";
  const [{ accounts }, cis, campaigns] = await Promise.all([listAccounts({ user }), getCisReport({ user, scope }), listCampaignReports({ user })]);
  const cisHref = (format: string) => `/api/reports/cis?account=${scope}&format=${format}`;
  return (
    <>
      <div className="page-head"><h1>Reports</h1></div>
      <section className="panel">
        <h2>CIS AWS Foundations v5.0.0 — IAM</h2>
        <form method="get" className="filters" aria-label="CIS report scope">
          <label>Scope
            <select name="account" defaultValue={scope} data-testid="cis-scope">
              <option value="org">Organization {cis.snapshot.organizationId ?? ""}</option>
              {accounts.map((a) => <option key={a.id} value={a.id}>{a.name} ({a.id})</option>)}
            </select>
          </label>
          <button type="submit">Show</button>
          <span>Download: <a href={cisHref("pdf")} data-testid="cis-pdf">PDF</a> · <a href={cisHref("csv")} data-testid="cis-csv">CSV</a> · <a href={cisHref("json")}>JSON</a></span>
        </form>
        <CisResultsTable report={cis} />
      </section>
      <section className="panel">
        <h2>Inventory reports</h2>
        <table>
          <thead><tr><th>Report</th><th>Contents</th><th>Download</th></tr></thead>
          <tbody>
            {FLAT_REPORTS.map((r) => (
              <tr key={r.id}>
                <td>{r.title}</td>
                <td className="muted">{r.about}</td>
                <td><a href={`/api/reports/${r.id}?format=csv`}>CSV</a> · <a href={`/api/reports/${r.id}?format=xlsx`}>XLSX</a></td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="panel">
        <h2>Access review evidence</h2>
        {campaigns.length === 0 ? <p className="muted">No review campaigns you can report on yet{user.roles.includes("viewer") && !user.roles.some((r) => r === "admin" || r === "auditor") ? " (campaign evidence is for admins and auditors)" : ""}.</p> : (
          <table data-testid="campaign-reports">
            <thead><tr><th>Campaign</th><th>Status</th><th>Due</th><th className="num">Decided</th><th>Download</th></tr></thead>
            <tbody>
              {campaigns.map((c) => (
                <tr key={c.id}>
                  <td><Link href={`/reviews/${c.id}`}>{c.name}</Link></td>
                  <td><span className={`badge ${c.status === "signed-off" ? "ok" : "info"}`}>{c.status}</span></td>
                  <td>{c.dueAt.toISOString().slice(0, 10)}</td>
                  <td className="num">{c.decided} / {c.items}</td>
                  <td><a href={`/api/reports/campaign/${c.id}?format=pdf`}>PDF</a> · <a href={`/api/reports/campaign/${c.id}?format=csv`}>CSV</a> · <a href={`/api/reports/campaign/${c.id}?format=json`}>JSON</a></td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
