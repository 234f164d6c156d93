import "server-only";
import { z } from "zod";
import { ZFindingListQuery } from "../console/finding-list-query";
import { ZPrincipalListQuery } from "../console/principal-list-query";
import { ZResourceListQuery } from "../console/resource-list-query";
import { listResources } from "../console/list-resources";
import { ZRunHistoryQuery } from "../console/get-run-history";
import { ZWhoCanReachQuery } from "../console/who-can-reach-query";
import { ConsoleError } from "../console/console-error";
import { findWhoCanReachView } from "../console/find-who-can-reach-view";
import { getPrincipalDetail } from "../console/get-principal-detail";
import { getRunHistory } from "../console/get-run-history";
import { listFindings } from "../console/list-findings";
import { listPrincipals } from "../console/list-principals";
import { exportCisOcsf, exportFindingsOcsf } from "../export/ocsf-export";
import { ZOcsfComplianceFinding, ZOcsfDetectionFinding } from "../export/ocsf-schema";
import { getCisReport, ZCisScope } from "../reports/get-cis-report";
import { listCampaigns } from "../reviews/list-campaigns";
import { defineApiRoute } from "./define-api-route";
import { API_PAGING, strictQuery } from "./strict-query";
import * as R from "./response-schemas";

const must = <T>(user: T | null): T => {
  if (!user) throw new ConsoleError("unauthenticated", "send an API token");
  return user;
};

const ZFindingsApiQuery = strictQuery(ZFindingListQuery, API_PAGING);
const ZCisApiQuery = z.object({ scope: ZCisScope.default("org").describe("`org` or a 12-digit account id") }).strict();

/** Every route of /api/v1: the route files export these, the OpenAPI document lists these. */
export const API_V1_ROUTES = {
  listPrincipals: defineApiRoute({
    path: "/api/v1/principals", operationId: "listPrincipals", tag: "Inventory", permission: "inventory.read",
    summary: "IAM users, roles, groups and Identity Center users, filtered and paged like the console's list",
    query: strictQuery(ZPrincipalListQuery, API_PAGING), response: R.ZApiPrincipalPage,
    run: ({ user, query }) => listPrincipals({ user: must(user), query }),
  }),
  getEffectiveAccess: defineApiRoute({
    path: "/api/v1/principals/{scope}/{id}", operationId: "getEffectiveAccess", tag: "Inventory", permission: "inventory.read",
    summary: "One principal's effective access summary: admin equivalence, access per service and level, reach, open findings",
    query: z.object({}).strict(),
    params: z.object({ scope: z.string().regex(/^(\d{12}|sso)$/, "scope is a 12-digit account id or 'sso'"), id: z.string().regex(/^[\w-]{1,128}$/, "id is the principal's unique id") }).strict(),
    response: R.ZApiEffectiveAccess,
    run: async ({ user, params }) => {
      const key = `${params.scope}/${params.id}`;
      const detail = await getPrincipalDetail({ user: must(user), key });
      if (!detail) throw new ConsoleError("not-found", `no principal ${key} in the latest snapshot`);
      return { ...detail, canAssume: detail.reach.canAssume, assumableBy: detail.reach.assumableBy, findings: detail.findings.filter((f) => f.status === "open") };
    },
  }),
  listResources: defineApiRoute({
    path: "/api/v1/resources", operationId: "listResources", tag: "Inventory", permission: "inventory.read",
    summary: "Data resources (buckets, keys, queues, snapshots, …) with their exposure, filtered and paged like the console's list",
    query: strictQuery(ZResourceListQuery, API_PAGING), response: R.ZApiResourcePage,
    run: ({ user, query }) => listResources({ user: must(user), query }),
  }),
  whoCanReach: defineApiRoute({
    path: "/api/v1/who-can-reach", operationId: "whoCanReach", tag: "Access", permission: "inventory.read",
    summary: "Who can reach an account (or every account under an OU) with a level of access on a service, or one action, path by path",
    query: strictQuery(ZWhoCanReachQuery), response: R.ZApiWhoCanReach,
    run: async ({ user, query }) => {
      const view = await findWhoCanReachView({ user: must(user), query });
      return { ...view, analysisId: view.analysis.analysisId };
    },
  }),
  listFindings: defineApiRoute({
    path: "/api/v1/findings", operationId: "listFindings", tag: "Findings", permission: "findings.read",
    summary: "Findings with the console's filters (status defaults to open)", query: ZFindingsApiQuery, response: R.ZApiFindingPage,
    run: ({ user, query }) => listFindings({ user: must(user), query }),
  }),
  findingsOcsf: defineApiRoute({
    path: "/api/v1/findings/ocsf", operationId: "exportFindingsOcsf", tag: "Findings", permission: "exports.download",
    summary: "Every finding matching the filters as OCSF 1.4.0 Detection Findings (class 2004); recorded as an export",
    query: strictQuery(ZFindingListQuery.omit({ page: true, pageSize: true })), response: z.array(ZOcsfDetectionFinding).meta({ id: "OcsfDetectionFindings" }),
    run: ({ user, query, context }) => exportFindingsOcsf({ user: must(user), query: { ...query, page: 1, pageSize: 50 }, context }),
  }),
  listRuns: defineApiRoute({
    path: "/api/v1/runs", operationId: "listRuns", tag: "Collection", permission: "collection.read",
    summary: "The latest collection runs with account counts and API totals; ?run= adds that run's accounts",
    query: strictQuery(ZRunHistoryQuery.pick({ run: true, status: true })), response: R.ZApiRuns,
    run: ({ user, query }) => getRunHistory({ user: must(user), query }),
  }),
  listCampaigns: defineApiRoute({
    path: "/api/v1/campaigns", operationId: "listCampaigns", tag: "Reviews", permission: "reviews.read",
    summary: "Access review campaigns with their progress (read only)", query: z.object({}).strict(), response: R.ZApiCampaigns,
    run: async ({ user }) => ({ rows: await listCampaigns({ user: must(user) }) }),
  }),
  cisResults: defineApiRoute({
    path: "/api/v1/cis", operationId: "getCisResults", tag: "Compliance", permission: "reports.read",
    summary: "CIS AWS Foundations v5 IAM section for the organization or one account, from the latest analysis",
    query: ZCisApiQuery, response: R.ZApiCisReport,
    run: ({ user, query }) => getCisReport({ user: must(user), scope: query.scope }),
  }),
  cisOcsf: defineApiRoute({
    path: "/api/v1/cis/ocsf", operationId: "exportCisOcsf", tag: "Compliance", permission: "exports.download",
    summary: "The CIS results as OCSF 1.4.0 Compliance Findings (class 2003), one per account and control; recorded as an export",
    query: ZCisApiQuery, response: z.array(ZOcsfComplianceFinding).meta({ id: "OcsfComplianceFindings" }),
    run: ({ user, query, context }) => exportCisOcsf({ user: must(user), scope: query.scope, context }),
  }),
};
