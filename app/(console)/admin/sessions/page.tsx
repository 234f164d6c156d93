import { listActiveSessions } from "@/lib/auth/list-active-sessions";
import { requirePageUser } from "@/lib/auth/require-user";
import type { TRawSearchParams } from "@/lib/console/search-params";
import { endUserSessionsAction } from "./actions";

export const dynamic = "force-dynamic";

const stamp = (date: Date) => `${date.toISOString().replace("T", " ").slice(0, 16)} UTC`;

/** Open sessions by user; an administrator ends all of a user's sessions at once (audited). */
export default async function SessionsPage({ searchParams }: { searchParams: Promise<TRawSearchParams> }) {
  const user = await requirePageUser("sessions.manage");
  const users = await listActiveSessions({ user });
  const params = await searchParams;
  const ended = typeof params.ended === "string" && /^\d{1,6}$/.test(params.ended) ? Number(params.ended) : null;
  return (
    <>
      <div className="page-head"><h1>Sessions</h1></div>
      <p className="muted small">Signed-in sessions that have not ended or reached their absolute limit. Ending a user&apos;s sessions signs them out everywhere on their next request, copies of their cookie included; it is recorded in the audit log.</p>
      {ended !== null && <div className="ok-box" role="status" data-testid="sessions-ended">{ended === 0 ? "That user had no open session left." : `Ended ${ended} session${ended === 1 ? "" : "s"}.`}</div>}
      {params.problem === "user" && <div className="error-box" role="alert">Pick a user whose sessions to end.</div>}
      {users.length === 0 ? <p className="muted">No open sessions.</p> : (
        <table data-testid="sessions-table">
          <thead><tr><th>User</th><th>Roles</th><th>Sessions</th><th>Last active</th><th>From</th><th /></tr></thead>
          <tbody>
            {users.map((entry) => (
              <tr key={entry.userId} data-testid="session-user">
                <td>{entry.email ?? entry.name ?? entry.userId}<div className="muted small mono">{entry.userId}</div></td>
                <td className="small">{entry.roles.join(", ")}</td>
                <td>{entry.sessions.length}</td>
                <td className="small">{stamp(entry.sessions[0].lastSeenAt)}</td>
                <td className="small">{[...new Set(entry.sessions.map((s) => s.ip ?? "—"))].join(", ")}</td>
                <td>
                  <form action={endUserSessionsAction}>
                    <input type="hidden" name="userId" value={entry.userId} />
                    <button type="submit" className="danger">End all sessions</button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
