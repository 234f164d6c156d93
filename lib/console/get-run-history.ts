import "server-only";
import { z } from "zod";
import type { TSessionUser } from "../auth/permissions";
import { ACCOUNT_RUN_FILTERS, listAccountRuns, listRuns, type TAccountRunRow, type TRunRow } from "../runs/list-runs";
import { diffRuns } from "./diff-runs";
import type { TSnapshotDiff } from "../analysis/diff-snapshots";
import { firstValues, type TRawSearchParams } from "./search-params";

const zRunId = z.coerce.number().int().positive().optional().catch(undefined);

/** The history page's URL state: a run to show per account (optionally one status), and a from/to pair to diff. */
export const ZRunHistoryQuery = z.object({
  run: zRunId,
  status: z.enum(Object.keys(ACCOUNT_RUN_FILTERS) as [keyof typeof ACCOUNT_RUN_FILTERS]).optional().catch(undefined),
  from: zRunId,
  to: zRunId,
});
export type TRunHistoryQuery = z.infer<typeof ZRunHistoryQuery>;

export function parseRunHistoryQuery(raw: TRawSearchParams): TRunHistoryQuery {
  return ZRunHistoryQuery.parse(firstValues(raw));
}

export type TRunHistory = {
  runs: TRunRow[];
  selected: { run: TRunRow; accounts: TAccountRunRow[] } | null;
  /** Set when ?run names no listed run. */
  selectedError: string | null;
  diff: TSnapshotDiff | null;
  diffError: string | null;
};

/** Collection runs, one run's accounts, and a diff between two snapshots: everything the history page shows. */
export async function getRunHistory(options: { user: TSessionUser; query: TRunHistoryQuery; limit?: number }): Promise<TRunHistory> {
  const { user, query } = options;
  const runs = await listRuns({ user, limit: options.limit ?? 50 });
  const run = query.run === undefined ? undefined : runs.find((r) => r.id === query.run);
  const selected = run ? { run, accounts: await listAccountRuns({ user, runId: run.id, status: query.status }) } : null;
  let diff: TSnapshotDiff | null = null;
  let diffError: string | null = null;
  if (query.from !== undefined || query.to !== undefined) {
    const result = await diffRuns({ user, fromRun: query.from, toRun: query.to });
    diff = result.diff;
    diffError = result.error;
  }
  return { runs, selected, selectedError: query.run !== undefined && !run ? `run ${query.run} does not exist (or is older than the runs listed)` : null, diff, diffError };
}
