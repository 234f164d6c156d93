import type { TResourceGrantView } from "@/lib/console/get-resource-detail";
import { ExposureBadge } from "../exposure-badge";

/** Every party the resource lets in, and what (if anything) neutralises the grant. */
export function ResourceGrants({ grants }: { grants: TResourceGrantView[] }) {
  if (grants.length === 0) return <p className="muted">No resource policy, ACL, sharing attribute or grant lets anyone in beyond the owner account&apos;s identity policies.</p>;
  return (
    <table data-testid="resource-grants">
      <thead><tr><th>Party</th><th>Kind</th><th>Reach</th><th>Levels</th><th>Through</th><th>Conditions</th><th>In force</th></tr></thead>
      <tbody>
        {grants.map((g, i) => (
          <tr key={i} data-principal={g.principal} data-blocked={g.blockedBy ? "yes" : "no"}>
            <td className="mono small">{g.principal}{g.vendor && <span className="badge"> {g.vendor}</span>}</td>
            <td>{g.partyKind}</td>
            <td><ExposureBadge exposure={g.reach} /></td>
            <td>{g.levels.join(", ")}</td>
            <td>{g.source} {g.source === "policy" ? `statement ${g.statement.index}` : ""}{g.statement.sid ? ` (${g.statement.sid})` : ""}</td>
            <td className="small">{g.restrictedBy.length ? `restricted by ${g.restrictedBy.join(", ")}` : g.conditionKeys.join(", ") || "none"}</td>
            <td>{g.blockedBy ? <span className="badge ok">no: {g.blockedBy}</span> : <span className="badge">yes</span>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
