import Link from "next/link";
import type { TSessionUser } from "@/lib/auth/permissions";
import { isConsoleError } from "@/lib/console/console-error";
import { getLeastPrivilegeSuggestion } from "@/lib/console/get-least-privilege-suggestion";

const REASONS: Record<string, string> = {
  "never-used": "never used",
  "not-used-in-window": "not used in the window",
  "only-denied-attempts": "only denied attempts",
};

/** The suggested least-privilege policy section: computed only when asked for (?suggest=1), since it runs the policy engine. */
export async function LeastPrivilege({ user, principalKey, keyHref, requested }: { user: TSessionUser; principalKey: string; keyHref: string; requested: boolean }) {
  if (!requested) {
    return <p><Link href={`${keyHref}?suggest=1#least-privilege`} data-testid="suggest-link">Suggest a least-privilege policy from its last-accessed data</Link></p>;
  }
  let suggestion;
  try {
    suggestion = await getLeastPrivilegeSuggestion({ user, principalKey });
  } catch (error) {
    if (isConsoleError(error)) return <p className="error-box">{error.message}</p>;
    throw error;
  }
  return (
    <div data-testid="least-privilege">
      <p className="muted small">
        Window: the {suggestion.windowDays} days before the Access Advisor data was produced
        {suggestion.basedOn.jobCompletionDate && <> ({suggestion.basedOn.jobCompletionDate.slice(0, 10)}, {suggestion.basedOn.dataAgeDays} days old)</>}; snapshot of run {suggestion.runId}.
      </p>
      {suggestion.notes.map((note) => <p key={note} className="small">{note}</p>)}
      {suggestion.document && <pre data-testid="suggested-policy">{JSON.stringify(suggestion.document, null, 2)}</pre>}
      {suggestion.keptServices.length > 0 && (
        <table>
          <thead><tr><th>Kept</th><th>Basis</th><th>Last used</th><th>Why</th></tr></thead>
          <tbody>
            {suggestion.keptServices.map((kept) => (
              <tr key={kept.service}><td className="mono">{kept.service}</td><td>{kept.basis}</td><td>{kept.lastUsed.slice(0, 10)}</td><td className="small">{kept.explanation}</td></tr>
            ))}
          </tbody>
        </table>
      )}
      {suggestion.droppedServices.length > 0 && (
        <p className="small" data-testid="dropped-services">
          <strong>Dropped ({suggestion.droppedServices.length}):</strong>{" "}
          {suggestion.droppedServices.map((d) => `${d.service} (${REASONS[d.reason]})`).join(", ")}
        </p>
      )}
    </div>
  );
}
