import Link from "next/link";
import { EmptyState } from "../../_components/empty-state";
import { can } from "@/lib/auth/permissions";
import { requirePageUser } from "@/lib/auth/require-user";
import { getOrganizationTree, type TOrgAccountNode, type TOrgPolicyAttachment, type TOrgUnitNode } from "@/lib/console/get-organization-tree";

function Policies({ policies }: { policies: TOrgPolicyAttachment[] }) {
  if (policies.length === 0) return null;
  return (
    <div className="small" style={{ margin: "2px 0 4px" }}>
      {policies.map((p) => (
        <details key={p.id} style={{ display: "inline-block", marginRight: 8, verticalAlign: "top" }} data-testid="org-policy">
          <summary><span className={`badge ${p.type === "RCP" ? "warn" : "info"}`}>{p.type}</span> {p.name}{p.awsManaged && <span className="muted"> (AWS managed)</span>}</summary>
          {p.description && <div className="muted">{p.description}</div>}
          <pre>{p.document ? JSON.stringify(p.document, null, 2) : "document not collected"}</pre>
        </details>
      ))}
    </div>
  );
}

function CollectionStatus({ collection }: { collection: TOrgAccountNode["collection"] }) {
  if (!collection) return <span className="muted">never collected</span>;
  return (
    <>
      <span className={`status-${collection.status}`}>{collection.status}</span>
      <span className="muted"> in run {collection.runId}{collection.finishedAt && ` · ${collection.finishedAt.toISOString().slice(0, 16).replace("T", " ")} UTC`}</span>
      {collection.error && <div className="small status-failed">{collection.errorCode && `${collection.errorCode}: `}{collection.error}</div>}
      {collection.unavailable.length > 0 && (
        <div className="small muted">unavailable: {collection.unavailable.map((u) => `${u.kind} (${u.code})`).join(", ")}</div>
      )}
    </>
  );
}

function Account({ account }: { account: TOrgAccountNode }) {
  return (
    <li data-testid={`org-account-${account.id}`}>
      <Link href={account.principalsHref}>{account.name}</Link> <span className="mono muted">{account.id}</span>
      {account.isManagement && <> <span className="badge">management</span></>}
      {account.status !== "ACTIVE" && <> <span className="badge warn">{account.status}</span></>}
      {" · "}<CollectionStatus collection={account.collection} />
      <Policies policies={account.policies} />
    </li>
  );
}

function Unit({ unit }: { unit: TOrgUnitNode }) {
  return (
    <li data-testid={`org-unit-${unit.id}`}>
      <strong>{unit.name}</strong> <span className="mono muted small">{unit.kind === "unplaced" ? "" : unit.id}</span>
      <Policies policies={unit.policies} />
      <ul>
        {unit.children.map((child) => <Unit key={child.id} unit={child} />)}
        {unit.accounts.map((account) => <Account key={account.id} account={account} />)}
      </ul>
    </li>
  );
}

export default async function OrganizationPage() {
  const user = await requirePageUser("inventory.read");
  const tree = await getOrganizationTree({ user });
  return (
    <>
      <div className="page-head">
        <h1>Organization</h1>
        <span className="muted">
          {tree.organizationId ?? "no organization collected"} · {tree.accountCount} accounts
          {tree.managementAccountId && <> · management account <span className="mono">{tree.managementAccountId}</span></>}
          {can(user, "exports.download") && <> · <a href="/api/export/accounts" data-testid="accounts-export">Export CSV</a></>}
        </span>
      </div>
      {tree.roots.length === 0 ? <EmptyState title="No organization has been collected yet" testId="organization-empty">The tree appears after the first collection reads AWS Organizations (the management account's AccessAtlasOrgReader role, or ACCOUNTS_FILE).</EmptyState> : (
        <div className="tree panel" data-testid="org-tree">
          <ul style={{ borderLeft: "none", paddingLeft: 0 }}>{tree.roots.map((root) => <Unit key={root.id} unit={root} />)}</ul>
        </div>
      )}
    </>
  );
}
