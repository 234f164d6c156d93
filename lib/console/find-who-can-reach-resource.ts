import "server-only";
import type { TAccessLevel } from "../analysis/results";
import type { TSessionUser } from "../auth/permissions";
import { getDb } from "../db/client";
import { assertCan } from "./assert-can";
import { ConsoleError } from "./console-error";
import { findLatestAnalysis } from "./find-latest-analysis";
import { findResourceReach } from "./find-resource-reach";
import { toReachView, ZResourceDetailQuery, type TResourceDetail } from "./get-resource-detail";

export type TWhoCanReachResource = {
  resource: { arn: string; name: string; type: string; accountId: string; exposure: string };
  reach: TResourceDetail["reach"];
};

/** Who can reach one resource (by ARN) at one level: the who-can-reach page with a resource as its target. */
export async function findWhoCanReachResource(options: { user: TSessionUser; arn: string; level: TAccessLevel; limit?: number }): Promise<TWhoCanReachResource> {
  assertCan(options.user, "inventory.read");
  const parsed = ZResourceDetailQuery.safeParse({ arn: options.arn, level: options.level });
  if (!parsed.success) throw new ConsoleError("invalid", `resource: ${parsed.error.issues[0].message}`);
  const { pool } = getDb();
  const analysis = await findLatestAnalysis({ pool });
  if (!analysis) throw new ConsoleError("not-found", "no analysed snapshot yet: run a collection first");
  const { rows: [resource] } = await pool.query(
    `SELECT arn, name, type, account_id AS "accountId", exposure FROM resource_exposure WHERE (valid_from <= $1 AND (valid_to IS NULL OR valid_to > $1)) AND arn = $2`,
    [analysis.analysisId, parsed.data.arn],
  );
  if (!resource) throw new ConsoleError("not-found", `no resource ${parsed.data.arn} in the latest analysis`);
  const reach = await findResourceReach({ pool, analysisId: analysis.analysisId, arn: resource.arn, level: parsed.data.level, limit: options.limit ?? 500 });
  return { resource, reach: await toReachView({ pool, analysisId: analysis.analysisId, reach: reach! }) };
}
