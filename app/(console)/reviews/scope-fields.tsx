import type { TAccountOption, TOrgUnitOption } from "@/lib/console/list-accounts";

/** Scope and reviewer fields shared by the campaign and schedule forms. */
export function ScopeFields(props: { accounts: TAccountOption[]; organizationalUnits: TOrgUnitOption[] }) {
  const box: React.CSSProperties = { display: "flex", flexWrap: "wrap", gap: "0.25rem 1rem" };
  return (
    <>
      <fieldset>
        <legend>Accounts (none and no OU = every account)</legend>
        <div style={box}>
          {props.accounts.map((a) => (
            <label key={a.id}><input type="checkbox" name="accountIds" value={a.id} /> {a.name} <span className="muted mono small">{a.id}</span></label>
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend>Organizational units</legend>
        <div style={box}>
          {props.organizationalUnits.filter((o) => !o.isRoot).map((o) => (
            <label key={o.id}><input type="checkbox" name="ouIds" value={o.id} /> {o.path.join(" / ") || o.name}</label>
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend>Principals</legend>
        <div style={box}>
          {[["iam-user", "IAM users"], ["iam-role", "IAM roles"], ["sso-user", "Identity Center users"]].map(([value, label]) => (
            <label key={value}><input type="checkbox" name="kinds" value={value} defaultChecked /> {label}</label>
          ))}
          <label>Only <select name="only" defaultValue="all">
            <option value="all">everything</option><option value="admin-equivalent">admin-equivalent access</option><option value="external-trust">external trusts</option><option value="resource-shares">resources shared outside the organization or public (principal kinds ignored)</option>
          </select></label>
        </div>
      </fieldset>
      <fieldset>
        <legend>Reviewers</legend>
        <label>Owner tag key on accounts <input name="ownerTag" placeholder="owner" /></label>
        <label style={{ display: "block" }}>Explicit mapping, one per line: <span className="mono">accountId = email</span>
          <textarea name="mapping" rows={3} style={{ width: "100%" }} placeholder="645781203945 = jane.doe@acme.example" />
        </label>
        <label>Fallback reviewer (required) <input name="fallback" type="email" required placeholder="security@acme.example" /></label>
      </fieldset>
    </>
  );
}
