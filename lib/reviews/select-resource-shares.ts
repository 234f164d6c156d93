import type pg from "pg";
import { resourceKind } from "../resources/resource-records";
import { RESOURCE_TYPES } from "../resources/resource-model";
import type { TEvidenceShareGrant, TItemEvidence } from "./item-evidence";
import type { TAccessDraft } from "./select-review-access";
import { asOfRun } from "./snapshot-as-of";

export type TResourceShareDraft = { draft: TAccessDraft; evidence: TItemEvidence; resourceTags: Record<string, string> };

const AT = (alias: string) => `(${alias}.valid_from <= $1 AND (${alias}.valid_to IS NULL OR ${alias}.valid_to > $1))`;

/** The party a grant lets in, as the owner decides about it: anyone, an outside account, or the principal itself. */
export function sharePartyOf(grant: { reach: string; accountId: string | null; principal: string }): string {
  return grant.reach === "public" ? "*" : grant.accountId ?? grant.principal;
}

/**
 * The resources of `accountIds` shared outside the organization or public in one analysis,
 * one draft per (resource, outside party): the owner keeps or removes a party's way in, so
 * every statement, ACL grant, sharing attribute or KMS grant letting the same party in is
 * one decision (removing one of two statements would leave the party in). A party is an
 * account (every principal of it named), or "*" for public grants. Grants neutralised by
 * Block Public Access are not in force and are not reviewed.
 */
export async function selectResourceShares(options: { db: pg.Pool | pg.PoolClient; analysisId: number; runId: number; accountIds: string[] }): Promise<TResourceShareDraft[]> {
  const { db, analysisId } = options;
  const { rows } = await db.query(
    `SELECT r.arn, r.type, r.name, r.region, r.account_id, r.exposure,
            g.party_kind, g.principal, g.account_id AS grantee_account, g.reach, g.vendor, g.levels, g.source, g.statement, g.condition_keys, g.restricted_by
     FROM resource_grant g JOIN resource_exposure r ON ${AT("r")} AND r.arn = g.resource_arn
     WHERE ${AT("g")} AND g.blocked_by IS NULL AND g.reach IN ('public', 'outside-organization') AND r.account_id = ANY($2::text[])
     ORDER BY r.account_id, r.name, r.arn, g.id`,
    [analysisId, options.accountIds],
  );
  const arns = [...new Set(rows.map((r) => r.arn as string))];
  const [{ rows: records }, { rows: findings }] = await Promise.all([
    db.query(`SELECT s.key, s.data->'tags' AS tags FROM snapshot_record s WHERE s.kind = ANY($2::text[]) AND s.key = ANY($3::text[]) AND ${asOfRun("$1")}`,
      [options.runId, RESOURCE_TYPES.map(resourceKind), arns]),
    db.query("SELECT id, rule, severity, title, resource_key FROM finding WHERE status = 'open' AND resource_key = ANY($1::text[]) ORDER BY id", [arns]),
  ]);
  const tags = new Map(records.map((r) => [r.key as string, (r.tags ?? {}) as Record<string, string>]));
  const byItem = new Map<string, TResourceShareDraft>();
  for (const row of rows) {
    const party = sharePartyOf({ reach: row.reach, accountId: row.grantee_account, principal: row.principal });
    const grant: TEvidenceShareGrant = {
      principal: row.principal, partyKind: row.party_kind, reach: row.reach, vendor: row.vendor, levels: row.levels, source: row.source,
      statement: row.statement, conditionKeys: row.condition_keys ?? [], restrictedBy: row.restricted_by ?? [],
    };
    const key = `${row.arn}\u0000${party}`;
    const existing = byItem.get(key);
    if (existing) {
      const share = existing.evidence.resourceShare!;
      share.grants.push(grant);
      share.levels = [...new Set([...share.levels, ...grant.levels])];
      share.vendor ??= grant.vendor;
      continue;
    }
    const partyKind = party === "*" ? "public" : row.grantee_account ? "external-account" : row.party_kind;
    const partyName = party === "*" ? "anyone (public)" : row.vendor ? `${party} (${row.vendor})` : party;
    const resourceTags = tags.get(row.arn) ?? {};
    byItem.set(key, {
      resourceTags,
      draft: {
        principalKey: party, principalKind: partyKind, principalName: partyName, principalArn: party.startsWith("arn:") ? party : null,
        principalAccountId: null, accountId: row.account_id, accessKind: "resource-share", targetKey: row.arn, accessKey: row.arn, hops: [],
      },
      evidence: {
        accessKind: "resource-share", access: null, lastUsedAt: null, accessAdvisorAt: null, accessAdvisorAgeDays: null, accessKeys: [],
        findings: findings.filter((f) => f.resource_key === row.arn).map((f) => ({ id: f.id, rule: f.rule, severity: f.severity, title: f.title })),
        hops: [], trustParties: [], grants: null, assignments: [],
        resourceShare: {
          resourceArn: row.arn, resourceType: row.type, resourceName: row.name, region: row.region, accountId: row.account_id, exposure: row.exposure,
          party, partyKind, partyName, vendor: row.vendor, levels: [...row.levels], grants: [grant], tags: resourceTags,
        },
      },
    });
  }
  return [...byItem.values()];
}
