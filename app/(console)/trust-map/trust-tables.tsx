import Link from "next/link";
import type { TTrustMapGraph } from "@/lib/console/trust-map-graph";
import { trustMapHref } from "@/lib/console/trust-map-query";

const principalHref = (key: string) => `/principals/${encodeURIComponent(key)}`;

/** The map's edges as tables: account pairs with counts, then every external trust by role. */
export function TrustTables({ graph, accountName }: { graph: TTrustMapGraph; accountName: Map<string, string> }) {
  const name = (accountId: string) => accountName.get(accountId) ?? accountId;
  return (
    <>
      <h2>Account to account</h2>
      {graph.accountEdges.length === 0 ? <p className="muted">No cross-account role assumption in this view.</p> : (
        <table data-testid="account-edges">
          <thead><tr><th>From account</th><th>Into account</th><th className="num">Principals</th><th className="num">Roles</th><th>Conditions</th></tr></thead>
          <tbody>
            {graph.accountEdges.map((edge) => (
              <tr key={`${edge.from}>${edge.to}`}>
                <td><Link href={trustMapHref({ account: edge.from })}>{name(edge.from)}</Link> <span className="muted small mono">{edge.from}</span></td>
                <td><Link href={trustMapHref({ account: edge.to })}>{name(edge.to)}</Link> <span className="muted small mono">{edge.to}</span></td>
                <td className="num">{edge.principals}</td>
                <td className="num">{edge.roles}</td>
                <td>{edge.allConditional ? <span className="badge warn">all conditional</span> : <span className="muted">none needed</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>External trusts</h2>
      {graph.externalTrusts.length === 0 ? <p className="muted">No role in this view trusts a party of these kinds.</p> : (
        <table data-testid="external-trusts">
          <thead><tr><th>Role</th><th>Account</th><th>Trusted party</th><th>Kind</th><th>Condition keys</th><th>Known vendor</th></tr></thead>
          <tbody>
            {graph.externalTrusts.map((trust) => (
              <tr key={`${trust.roleKey}|${trust.partyId}`} data-testid="external-trust-row" data-role={trust.roleName}>
                <td><Link href={principalHref(trust.roleKey)}>{trust.roleName}</Link></td>
                <td><Link href={trustMapHref({ account: trust.accountId })}>{trust.accountName}</Link> <span className="muted small mono">{trust.accountId}</span></td>
                <td className="mono">{trust.party}</td>
                <td>{trust.partyKind}</td>
                <td>{trust.conditionKeys.length > 0 ? <span className="mono small">{trust.conditionKeys.join(", ")}</span> : trust.partyKind === "identity-center" ? <span className="muted">assignment</span> : <span className="badge bad">none</span>}</td>
                <td>{trust.knownVendor ?? <span className="muted">—</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
