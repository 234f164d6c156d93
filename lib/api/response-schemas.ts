import { z } from "zod";
import { SEVERITY_ORDER } from "../analysis/findings/make-finding";
import { PRINCIPAL_KINDS } from "../console/principal-list-query";
import { RESOURCE_EXPOSURES } from "../console/resource-list-query";
import { RESOURCE_TYPES } from "../resources/resource-model";

// The API's response shapes. Handlers return the console use cases' rows; these schemas
// keep the documented fields (and drop the rest), and the OpenAPI document is made from them.
const zTime = z.iso.datetime({ offset: true });
const zAccountId = z.string().regex(/^\d{12}$/);
const zSeverity = z.enum(SEVERITY_ORDER as [string, ...string[]]);

export const ZApiError = z.object({ error: z.object({ code: z.string(), message: z.string() }) }).meta({ id: "Error" });

const page = <T extends z.ZodType>(row: T) => z.object({ rows: z.array(row), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

export const ZApiPrincipal = z.object({
  key: z.string().describe("`<account id>/<unique id>` or `sso/<user id>`"),
  kind: z.enum(PRINCIPAL_KINDS),
  accountId: zAccountId.nullable(), accountName: z.string().nullable(), name: z.string(), arn: z.string().nullable(),
  adminEquivalent: z.boolean().nullable(), grantedServices: z.number().int().nullable(), usedServices: z.number().int().nullable(),
  lastUsed: zTime.nullable(), keyCount: z.number().int(), openFindings: z.number().int(),
}).meta({ id: "Principal" });
export const ZApiPrincipalPage = page(ZApiPrincipal).extend({ analysisId: z.number().int().nullable() }).meta({ id: "PrincipalPage" });

const zLevelCounts = z.object({ total: z.number().int(), allowed: z.number().int(), partial: z.number().int(), conditional: z.number().int() });
export const ZApiEffectiveAccess = z.object({
  key: z.string(), kind: z.enum(PRINCIPAL_KINDS), name: z.string(), arn: z.string().nullable(), accountId: zAccountId.nullable(), accountName: z.string().nullable(),
  analysisId: z.number().int().nullable(), runId: z.number().int(),
  access: z.object({
    adminEquivalent: z.boolean(), adminDefinite: z.boolean(),
    adminPaths: z.array(z.object({ id: z.string(), kind: z.string(), description: z.string(), actions: z.array(z.string()) })),
    grantedServices: z.number().int(), usedServices: z.number().int().nullable(),
    services: z.array(z.object({ service: z.string(), serviceName: z.string(), levels: z.record(z.string(), zLevelCounts) })),
  }).nullable().describe("null for IAM groups and before the first analysis"),
  canAssume: z.array(z.object({ key: z.string(), name: z.string(), accountId: z.string().nullable(), hopCount: z.number().int(), conditional: z.boolean() })),
  assumableBy: z.array(z.object({ key: z.string(), name: z.string(), accountId: z.string().nullable(), hopCount: z.number().int(), conditional: z.boolean() })),
  findings: z.array(z.object({ id: z.number().int(), rule: z.string(), title: z.string(), severity: zSeverity, status: z.string() })),
}).meta({ id: "EffectiveAccess" });

export const ZApiFinding = z.object({
  id: z.number().int(), rule: z.string(), title: z.string(), severity: zSeverity, cisControl: z.string().nullable(),
  accountId: zAccountId.nullable(), accountName: z.string().nullable(), resourceKey: z.string(), resourceName: z.string(),
  principalKey: z.string().nullable(), evidence: z.record(z.string(), z.unknown()),
  firstSeenRun: z.number().int(), firstSeenAt: zTime, lastSeenRun: z.number().int(), lastSeenAt: zTime,
  status: z.enum(["open", "accepted", "resolved"]), acceptedReason: z.string().nullable(), acceptedUntil: zTime.nullable(), acceptedBy: z.string().nullable(),
}).meta({ id: "Finding" });
export const ZApiFindingPage = page(ZApiFinding).meta({ id: "FindingPage" });

export const ZApiReachPath = z.object({
  principalKey: z.string(), principalName: z.string(), principalKind: z.string(), principalAccountName: z.string().nullable(),
  route: z.enum(["direct", "via-role", "via-sso-assignment"]), targetAccountId: zAccountId, targetAccountName: z.string(),
  actingKey: z.string().nullable(), actingName: z.string().nullable(), grant: z.string(), conditional: z.boolean(), adminEquivalent: z.boolean(),
  steps: z.array(z.object({ kind: z.enum(["principal", "role", "group", "permission-set", "account"]), label: z.string(), principalKey: z.string().optional(), accountName: z.string().optional(), conditional: z.boolean().optional() })),
  pathText: z.string(),
}).meta({ id: "ReachPath" });
export const ZApiWhoCanReach = z.object({
  analysisId: z.number().int(), scopeLabel: z.string(), accountCount: z.number().int(), service: z.string(), levels: z.array(z.string()),
  action: z.object({ name: z.string(), level: z.string() }).nullable(),
  principalCount: z.number().int(), totalPaths: z.number().int(), rows: z.array(ZApiReachPath),
}).meta({ id: "WhoCanReach" });

export const ZApiRun = z.object({
  id: z.number().int(), status: z.string(), trigger: z.string(), startedAt: zTime, finishedAt: zTime.nullable(),
  accounts: z.record(z.string(), z.number().int()).describe("accounts per status"), apiCalls: z.number().int(), throttles: z.number().int(),
  analysisId: z.number().int().nullable(),
}).meta({ id: "Run" });
export const ZApiRunAccount = z.object({
  accountId: zAccountId, accountName: z.string(), status: z.string(), errorCode: z.string().nullable(), error: z.string().nullable(),
  durationMs: z.number().int().nullable(), apiCalls: z.number().int(), throttles: z.number().int(),
  unavailable: z.array(z.object({ kind: z.string(), code: z.string(), message: z.string() })),
}).meta({ id: "RunAccount" });
export const ZApiRuns = z.object({
  runs: z.array(ZApiRun),
  selected: z.object({ run: ZApiRun, accounts: z.array(ZApiRunAccount) }).nullable().describe("the run named by ?run, with its accounts"),
  selectedError: z.string().nullable(),
}).meta({ id: "Runs" });

export const ZApiCampaign = z.object({
  id: z.number().int(), name: z.string(), status: z.string(), dueAt: zTime, createdAt: zTime, createdBy: z.string(), analysisId: z.number().int(),
  collectionRunId: z.number().int(), signedOffAt: zTime.nullable(), total: z.number().int(), decided: z.number().int(), revoked: z.number().int(),
}).meta({ id: "Campaign" });
export const ZApiCampaigns = z.object({ rows: z.array(ZApiCampaign) }).meta({ id: "Campaigns" });

const zCisStatus = z.enum(["pass", "fail", "exception", "not-evaluated", "not-applicable", "manual"]);
const zCisFinding = z.object({ id: z.number().int(), rule: z.string(), severity: zSeverity, accountId: zAccountId.nullable(), resourceKey: z.string(), resourceName: z.string(), status: z.enum(["open", "accepted"]), acceptedReason: z.string().nullable(), acceptedUntil: zTime.nullable() });
export const ZApiCisControl = z.object({ controlId: z.string(), title: z.string(), status: zCisStatus, reason: z.string(), failing: z.array(zCisFinding), exceptions: z.array(zCisFinding) }).meta({ id: "CisControl" });
export const ZApiCisReport = z.object({
  benchmark: z.string(), generatedAt: zTime,
  scope: z.union([z.object({ kind: z.literal("org"), organizationId: z.string().nullable() }), z.object({ kind: z.literal("account"), accountId: zAccountId, accountName: z.string() })]),
  snapshot: z.object({ organizationId: z.string().nullable(), analysisId: z.number().int(), collectionRunId: z.number().int(), runStatus: z.string(), collectedAt: zTime, analysedAt: zTime }),
  controls: z.array(ZApiCisControl),
  accounts: z.array(z.object({ account: z.object({ id: zAccountId, name: z.string(), runStatus: z.string().nullable() }), controls: z.array(ZApiCisControl) })),
  counts: z.record(zCisStatus, z.number().int()),
}).meta({ id: "CisReport" });

export const ZApiResource = z.object({
  arn: z.string(), type: z.enum(RESOURCE_TYPES), accountId: zAccountId, accountName: z.string().nullable(), region: z.string(), name: z.string(),
  exposure: z.enum(RESOURCE_EXPOSURES).describe("how far the resource reaches: public, outside the organization, other accounts of it, own account only"),
  policyPublic: z.boolean().describe("the resource policy alone would make it public (before Block Public Access)"),
  externalAccounts: z.array(z.string()), orgAccounts: z.array(z.string()), grantCount: z.number().int(),
  principalsByLevel: z.record(z.string(), z.number().int()).describe("the owner account's principals holding each access level through identity policies"),
}).meta({ id: "Resource" });
export const ZApiResourcePage = page(ZApiResource).extend({ analysisId: z.number().int().nullable() }).meta({ id: "ResourcePage" });
