import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePageUser } from "@/lib/auth/require-user";
import { isConsoleError } from "@/lib/console/console-error";
import { getResourceDetail, RESOURCE_LEVELS, type TResourceDetail } from "@/lib/console/get-resource-detail";
import { resourceHref } from "@/lib/console/resource-list-query";
import type { TRawSearchParams } from "@/lib/console/search-params";
import { ExposureBadge } from "../exposure-badge";
import { ResourceGrants } from "./resource-grants";
import { ResourceReachTable } from "./resource-reach-table";

export default async function ResourceDetailPage({ params, searchParams }: { params: Promise<{ arn: string }>; searchParams: Promise<TRawSearchParams> }) {
  const user = await requirePageUser("evidence.read");
  const arn = decodeURIComponent((await params).arn);
  const level = (await searchParams).level;
  let detail: TResourceDetail;
  try {
    detail = await getResourceDetail({ user, arn, level: typeof level === "string" ? level : undefined });
  } catch (error) {
    if (isConsoleError(error) && (error.code === "not-found" || error.code === "invalid")) notFound();
    throw error;
  }
  const d = detail;
  const highlighted = d.segments.filter((segment) => segment.highlight).length;
  const unavailable = (d.details.unavailable ?? {}) as Record<string, string>;
  return (
    <>
      <div className="page-head">
        <h1>{d.name} <span className="badge">{d.type}</span> <ExposureBadge exposure={d.exposure} /></h1>
        <span className="muted">{d.accountName ?? ""} <span className="mono">{d.accountId}</span> · <span className="mono">{d.region}</span></span>
        <Link href={`/graph?${new URLSearchParams({ resource: d.arn, level: d.reach.level })}`} data-testid="explore-access">Explore access</Link>
      </div>
      <div className="panel" data-testid="resource-facts">
        <dl className="facts">
          <dt>ARN</dt><dd className="mono">{d.arn}</dd>
          <dt>Exposure</dt><dd data-testid="resource-exposure"><ExposureBadge exposure={d.exposure} /></dd>
          {unavailable.policy && <><dt>Not collected</dt><dd className="error-box" data-testid="policy-unavailable">the resource policy could not be read ({unavailable.policy}): the exposure shown may understate it</dd></>}
          {d.policyPublic && d.exposure !== "public" && <><dt>Public policy</dt><dd data-testid="public-policy-blocked">the policy is public, but S3 Block Public Access neutralises it</dd></>}
          <dt>Tags</dt>
          <dd data-testid="resource-tags">{d.tags === null ? <span className="muted">no tags (not supported by AWS)</span>
            : Object.keys(d.tags).length === 0 ? <span className="muted">none</span>
            : Object.entries(d.tags).map(([key, value]) => <span key={key} className="badge mono">{key}={value}</span>)}</dd>
          <dt>Identity policies count</dt><dd>{d.identityAccess ? "yes" : "no: the key policy does not delegate to the account"}</dd>
          {d.deniedLevels.length > 0 && <><dt>Denied to everyone</dt><dd>{d.deniedLevels.join(", ")}</dd></>}
          <dt>Owner principals by level</dt><dd>{RESOURCE_LEVELS.map((l) => `${l}: ${d.principalsByLevel[l] ?? 0}`).join(" · ")}</dd>
          {d.externalAccounts.length > 0 && <><dt>Outside accounts</dt><dd className="mono" data-testid="external-accounts">{d.externalAccounts.join(", ")}</dd></>}
          {d.orgAccounts.length > 0 && <><dt>Organization accounts</dt><dd className="mono">{d.orgAccounts.join(", ")}</dd></>}
          {Object.keys(d.details).length > 0 && <><dt>Settings</dt><dd><pre className="small">{JSON.stringify(d.details, null, 2)}</pre></dd></>}
        </dl>
      </div>
      {d.openFindings.length > 0 && (
        <>
          <h2>Findings</h2>
          <ul data-testid="resource-findings">
            {d.openFindings.map((f) => <li key={f.id}><span className={`badge ${f.severity}`}>{f.severity}</span> <Link href={`/findings?rule=${f.rule}`}>{f.title}</Link> <span className="muted">{f.status}</span></li>)}
          </ul>
        </>
      )}
      <h2>Who it lets in</h2>
      <ResourceGrants grants={d.grants} />
      <h2>Resource policy</h2>
      {d.policy ? (
        <details open data-testid="resource-policy">
          <summary>{highlighted > 0 ? <span className="badge warn">{highlighted} granting statement{highlighted === 1 ? "" : "s"} highlighted</span> : <span className="muted">no statement grants anything in force</span>}</summary>
          <pre>{d.segments.map((s, i) => (s.highlight ? <span key={i} className="hl">{s.text}</span> : s.text))}</pre>
        </details>
      ) : <p className="muted">This resource has no resource policy.</p>}
      <h2>Who can reach it</h2>
      <nav className="pagination" aria-label="Access level" data-testid="level-tabs">
        {RESOURCE_LEVELS.map((l) => l === d.reach.level ? <strong key={l}>{l}</strong> : <Link key={l} href={resourceHref(d.arn, l)}>{l}</Link>)}
      </nav>
      <ResourceReachTable reach={d.reach} />
    </>
  );
}
