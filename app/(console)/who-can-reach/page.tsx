import Link from "next/link";
import { can } from "@/lib/auth/permissions";
import { requirePageUser } from "@/lib/auth/require-user";
import { isConsoleError } from "@/lib/console/console-error";
import { findWhoCanReachView, listServiceNamespaces, type TWhoCanReachView } from "@/lib/console/find-who-can-reach-view";
import { listAccounts } from "@/lib/console/list-accounts";
import type { TRawSearchParams } from "@/lib/console/search-params";
import { ACCESS_LEVEL_OPTIONS, isBlankWhoCanReachQuery, parseWhoCanReachQuery, whoCanReachQueryString, type TWhoCanReachQuery } from "@/lib/console/who-can-reach-query";
import { findWhoCanReachResource, type TWhoCanReachResource } from "@/lib/console/find-who-can-reach-resource";
import { resourceHref } from "@/lib/console/resource-list-query";
import { RESOURCE_TYPES } from "@/lib/resources/resource-model";
import { ResourceReachTable } from "../resources/[arn]/resource-reach-table";
import { ReachTable } from "./reach-table";

export default async function WhoCanReachPage({ searchParams }: { searchParams: Promise<TRawSearchParams> }) {
  const user = await requirePageUser("inventory.read");
  let view: TWhoCanReachView | null = null;
  let resourceView: TWhoCanReachResource | null = null;
  let error: string | null = null;
  let query: TWhoCanReachQuery = { level: "Write" };
  try {
    query = parseWhoCanReachQuery(await searchParams);
  } catch (caught) {
    if (!isConsoleError(caught)) throw caught;
    error = caught.message;
  }
  const [{ accounts, organizationalUnits }, services] = await Promise.all([listAccounts({ user }), listServiceNamespaces()]);
  if (!error && !isBlankWhoCanReachQuery(query)) {
    try {
      if (query.resource) resourceView = await findWhoCanReachResource({ user, arn: query.resource, level: query.level });
      else view = await findWhoCanReachView({ user, query });
    } catch (caught) {
      if (!isConsoleError(caught) || !["invalid", "not-found"].includes(caught.code)) throw caught;
      error = caught.message;
    }
  }
  return (
    <>
      <div className="page-head">
        <h1>Who can reach</h1>
        {view && can(user, "exports.download") && <a className="button secondary" href={`/api/export/who-can-reach${whoCanReachQueryString(query)}`} data-testid="export-csv">Export CSV</a>}
      </div>
      <form className="filters" method="get" action="/who-can-reach">
        <label>Account
          <select name="account" defaultValue={query.account ?? ""}>
            <option value="">—</option>
            {accounts.map((account) => <option key={account.id} value={account.id}>{account.name} ({account.id})</option>)}
          </select>
        </label>
        <label>or OU (all accounts under it)
          <select name="ou" defaultValue={query.ou ?? ""}>
            <option value="">—</option>
            {organizationalUnits.map((ou) => <option key={ou.id} value={ou.id}>{ou.isRoot ? "Root (whole organization)" : ou.path.join(" / ")}</option>)}
          </select>
        </label>
        <label>Service
          <input name="service" list="service-namespaces" placeholder="s3" defaultValue={query.service ?? ""} size={12} />
        </label>
        <label>Minimum level
          <select name="level" defaultValue={query.level}>
            {ACCESS_LEVEL_OPTIONS.map((level) => <option key={level} value={level}>{level}</option>)}
          </select>
        </label>
        <label>or one action
          <input name="action" placeholder="iam:PassRole" defaultValue={query.action ?? ""} size={22} />
        </label>
        <label>or a resource type
          <select name="resourceType" defaultValue={query.resourceType ?? ""}>
            <option value="">—</option>
            {RESOURCE_TYPES.map((type) => <option key={type} value={type}>{type}</option>)}
          </select>
        </label>
        <label>or one resource (ARN, at exactly the level)
          <input name="resource" placeholder="arn:aws:s3:::bucket" defaultValue={query.resource ?? ""} size={34} />
        </label>
        <button type="submit">Show</button>
        <datalist id="service-namespaces">{services.map((service) => <option key={service} value={service} />)}</datalist>
      </form>
      {error && <div className="error-box" role="alert">{error}</div>}
      {!view && !error && <p className="muted">Pick an account or an OU, then a service with a minimum access level or one action (such as iam:PassRole).</p>}
      {resourceView && (
        <div className="panel" data-testid="resource-reach-summary">
          <strong>{resourceView.reach.totalPaths}</strong> paths reach <Link href={resourceHref(resourceView.resource.arn, resourceView.reach.level)}>{resourceView.resource.name}</Link>
          {" "}<span className="muted">({resourceView.resource.type}, {resourceView.resource.accountId}, exposure {resourceView.resource.exposure})</span> at {resourceView.reach.level}.
        </div>
      )}
      {resourceView && <ResourceReachTable reach={resourceView.reach} />}
      {view && <Summary view={view} />}
      {view && <ReachTable rows={view.rows.slice(0, SHOWN_PATHS)} />}
    </>
  );
}

// A page a person reads: the CSV export holds every path.
const SHOWN_PATHS = 50;

function Summary({ view }: { view: TWhoCanReachView }) {
  const what = view.action ? <><span className="mono">{view.action.name}</span> ({view.action.level})</> : <>{view.service} at {view.levels.length === 1 ? view.levels[0] : `${view.levels[0]} or above`}</>;
  return (
    <div className="panel" data-testid="reach-summary">
      <p style={{ margin: 0 }}>
        <strong>{view.principalCount}</strong> principals by <strong>{view.totalPaths}</strong> paths can reach {view.scopeLabel}
        {view.accountCount > 1 && <> ({view.accountCount} accounts)</>} with {what}.
        <span className="muted small"> Snapshot of run <Link href="/collection">#{view.analysis.collectionRunId}</Link>.</span>
      </p>
      {view.totalPaths > Math.min(view.rows.length, SHOWN_PATHS) && <p className="small" style={{ margin: "6px 0 0" }} data-testid="reach-shown">Showing the first {Math.min(view.rows.length, SHOWN_PATHS)} paths (sorted by principal name); narrow the scope, or export the CSV for all of them.</p>}
      {view.action && (
        <p className="small muted" style={{ margin: "6px 0 0" }}>
          The materialised analysis keeps access per service and level, not per action. Identities granted every {view.action.level} action of {view.service}
          hold {view.action.name} for certain; those granted only some of them are listed too, marked <em>action not confirmed</em> (open the principal to check).
        </p>
      )}
    </div>
  );
}
