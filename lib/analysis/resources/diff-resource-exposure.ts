import type pg from "pg";

export type TResourceChange = { arn: string; name: string; type: string; accountId: string; before: string | null; after: string | null; externalAccounts: string[] };

export type TResourceExposureDiff = {
  /** Public now, not public before (or absent before). */
  newlyPublic: TResourceChange[];
  /** Shared outside the organization now, neither that nor public before. */
  newlyShared: TResourceChange[];
  /** Public before, not any more (or gone). */
  noLongerPublic: TResourceChange[];
};

/**
 * How resource exposure moved between two analyses, from the materialised rows: only the
 * resources that are public or shared outside in either analysis are compared, through the
 * (exposure, type) index, so the cost follows the exposed few, not every resource.
 */
export async function diffResourceExposure(options: { pool: pg.Pool; fromAnalysis: number; toAnalysis: number }): Promise<TResourceExposureDiff> {
  const { rows } = await options.pool.query(
    `WITH exposed AS (
       SELECT arn FROM resource_exposure WHERE exposure IN ('public', 'outside-organization')
         AND ((valid_from <= $1 AND (valid_to IS NULL OR valid_to > $1)) OR (valid_from <= $2 AND (valid_to IS NULL OR valid_to > $2)))
     )
     SELECT e.arn, coalesce(t.name, f.name) AS name, coalesce(t.type, f.type) AS type, coalesce(t.account_id, f.account_id) AS "accountId",
            f.exposure AS before, t.exposure AS after, coalesce(t.external_accounts, '{}') AS "externalAccounts"
     FROM (SELECT DISTINCT arn FROM exposed) e
     LEFT JOIN resource_exposure f ON (f.valid_from <= $1 AND (f.valid_to IS NULL OR f.valid_to > $1)) AND f.arn = e.arn
     LEFT JOIN resource_exposure t ON (t.valid_from <= $2 AND (t.valid_to IS NULL OR t.valid_to > $2)) AND t.arn = e.arn
     ORDER BY 2, 1`,
    [options.fromAnalysis, options.toAnalysis],
  );
  const changes = rows as TResourceChange[];
  return {
    newlyPublic: changes.filter((change) => change.after === "public" && change.before !== "public"),
    newlyShared: changes.filter((change) => change.after === "outside-organization" && change.before !== "outside-organization" && change.before !== "public"),
    noLongerPublic: changes.filter((change) => change.before === "public" && change.after !== "public"),
  };
}
