import { listApiTokens } from "@/lib/api/list-api-tokens";
import { requirePageUser } from "@/lib/auth/require-user";
import { SettingsTabs } from "../settings-tabs";
import { CreateTokenClient, RevokeTokenClient } from "./tokens-client";

export const dynamic = "force-dynamic";

const stamp = (date: Date | null) => (date ? `${date.toISOString().replace("T", " ").slice(0, 16)} UTC` : "—");

function tokenState(token: { revokedAt: Date | null; expiresAt: Date }): { label: string; tone: string } {
  if (token.revokedAt) return { label: "revoked", tone: "high" };
  if (token.expiresAt.getTime() <= Date.now()) return { label: "expired", tone: "medium" };
  return { label: "active", tone: "info" };
}

export default async function ApiTokensPage() {
  const user = await requirePageUser("api.tokens.manage");
  const tokens = await listApiTokens({ user });
  return (
    <>
      <div className="page-head"><h1>Settings</h1><a href="/api/v1/openapi.json" className="button secondary">OpenAPI document</a></div>
      <SettingsTabs current="api-tokens" />
      <p className="muted small">Tokens for the read-only API (<code>/api/v1/…</code>). Each carries the viewer or auditor role and is refused after its expiry or once revoked. Only a hash is stored. Creation, revocation and use (per token and hour) are in the audit log.</p>
      <CreateTokenClient />
      {tokens.length === 0 ? <p className="muted">No API tokens yet.</p> : (
        <table data-testid="token-table">
          <thead><tr><th>Name</th><th>Role</th><th>Token</th><th>State</th><th>Created</th><th>Expires</th><th>Last used</th><th>Calls (24 h)</th><th /></tr></thead>
          <tbody>
            {tokens.map((token) => {
              const state = tokenState(token);
              return (
                <tr key={token.id} data-testid="token-row">
                  <td>{token.name}</td>
                  <td>{token.role}</td>
                  <td className="mono small">{token.hint}</td>
                  <td><span className={`badge ${state.tone}`}>{state.label}</span>{token.revokedBy && <div className="muted small">by {token.revokedBy}</div>}</td>
                  <td className="small">{stamp(token.createdAt)}<div className="muted">{token.createdBy}</div></td>
                  <td className="small">{stamp(token.expiresAt)}</td>
                  <td className="small" data-testid="token-last-used">{stamp(token.lastUsedAt)}</td>
                  <td className="small">{token.callsLast24h}</td>
                  <td>{state.label === "active" && <RevokeTokenClient tokenId={token.id} name={token.name} />}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </>
  );
}
