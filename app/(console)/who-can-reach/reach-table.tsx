import Link from "next/link";
import type { TWhoCanReachRow } from "@/lib/console/find-who-can-reach-view";
import type { TPathStep } from "@/lib/console/who-can-reach-path";
import { EmptyState } from "../../_components/empty-state";
import { LongId } from "../../_components/long-id";

const KIND_LABEL: Record<string, string> = { "iam-user": "IAM user", "iam-role": "IAM role", "sso-user": "Identity Center user" };
const ROUTE_LABEL: Record<string, string> = { direct: "direct", "via-role": "via role", "via-sso-assignment": "via assignment" };

const principalHref = (key: string) => `/principals/${encodeURIComponent(key)}`;

function Step({ step }: { step: TPathStep }) {
  const prefix = step.kind === "group" ? "group " : step.kind === "permission-set" ? "permission set " : "";
  return (
    <span>
      {prefix}
      {step.principalKey ? <Link href={principalHref(step.principalKey)}><LongId value={step.label} /></Link> : <strong>{step.label}</strong>}
      {step.accountName && step.kind !== "account" && <span className="muted small"> ({step.accountName})</span>}
      {step.conditional && <> <span className="badge warn" title="this step needs a condition">conditional</span></>}
    </span>
  );
}

/** One row per path: who, how (hop by hop), into which account, as whom, and what conditions it needs. */
export function ReachTable({ rows }: { rows: TWhoCanReachRow[] }) {
  if (rows.length === 0) {
    return <EmptyState title="No principal reaches this scope with that access" testId="reach-empty">Try a lower minimum level, another service, or an OU instead of one account.</EmptyState>;
  }
  return (
    <table data-testid="reach-table" className="fixed reach">
      <colgroup><col style={{ width: "21%" }} /><col style={{ width: "33%" }} /><col style={{ width: "14%" }} /><col style={{ width: "16%" }} /><col style={{ width: "16%" }} /></colgroup>
      <thead>
        <tr><th>Principal</th><th>Path</th><th>Account reached</th><th>Acting as</th><th>Marks</th></tr>
      </thead>
      <tbody>
        {rows.map((row, index) => (
          <tr key={`${row.principalKey}-${index}`} data-testid="reach-row" data-principal={row.principalName} data-key={row.principalKey} data-route={row.route} data-target={row.targetAccountId} data-acting={row.actingName ?? ""}>
            <td>
              <Link href={principalHref(row.principalKey)}><LongId value={row.principalName} /></Link>
              <div className="muted small">{KIND_LABEL[row.principalKind] ?? row.principalKind}{row.principalAccountName && ` · ${row.principalAccountName}`}</div>
            </td>
            <td>
              <span className="badge">{ROUTE_LABEL[row.route]}</span>{" "}
              {row.steps.length === 1 ? <span className="muted">own policies</span> : row.steps.map((step, stepIndex) => (
                <span key={stepIndex}>{stepIndex > 0 && " → "}<Step step={step} /></span>
              ))}
            </td>
            <td>{row.targetAccountName} <div className="muted small mono">{row.targetAccountId}</div></td>
            <td>{row.actingKey ? <Link href={principalHref(row.actingKey)}><LongId value={row.actingName ?? row.actingKey} /></Link> : <span className="muted">role not collected</span>}</td>
            <td>
              {row.adminEquivalent && <span className="badge critical">admin-equivalent</span>}{" "}
              {row.conditional && <span className="badge warn">conditional</span>}{" "}
              {row.conditional && (
                <div className="small" data-testid="condition-keys">
                  {row.conditionKeys.length > 0 ? <>when {row.conditionKeys.map((key, i) => <span key={key}>{i > 0 && ", "}<code>{key}</code></span>)}</> : <span className="muted">conditions in its policies</span>}
                </div>
              )}
              {row.grant === "partial" && <span className="badge info" title="only on some resources">resource-scoped</span>}
              {row.grant === "unknown" && <span className="badge info" title="the assignment's role was not collected">cannot rule out</span>}
              {row.grant === "unconfirmed" && <span className="badge info" title="holds some, not all, actions of this level of the service: open the principal to check this one">action not confirmed</span>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
