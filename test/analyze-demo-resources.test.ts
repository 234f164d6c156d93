import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyzeSnapshot, type TAnalysisSummary } from "../lib/analysis/analyze-snapshot";
import { getResourceDetailAt } from "../lib/console/get-resource-detail";
import { startHarness, type THarness } from "./collect-harness";

// The demo's planted resource cases, collected from the simulator and analysed end to end.
let h: THarness;
let analysis: TAnalysisSummary;

beforeAll(async () => {
  h = await startHarness();
  const runId = (await h.collect()).summary.runId;
  analysis = await analyzeSnapshot({ pool: h.db.pool, collectionRunId: runId });
});
afterAll(async () => { await h?.stop(); });

const exposureOf = async (name: string, type: string) => {
  const { rows } = await h.db.pool.query("SELECT exposure, policy_public AS \"policyPublic\", external_accounts AS \"externalAccounts\", org_accounts AS \"orgAccounts\" FROM resource_exposure WHERE (valid_from <= $1 AND (valid_to IS NULL OR valid_to > $1)) AND name = $2 AND type = $3", [analysis.analysisId, name, type]);
  expect(rows, `${type} ${name} analysed`).toHaveLength(1);
  return rows[0];
};
const rulesOf = async (name: string) => (await h.db.pool.query("SELECT rule FROM finding WHERE resource_name = $1 AND status = 'open' ORDER BY rule", [name])).rows.map((row) => row.rule);

describe("the demo's resources", () => {
  it("counts resources, public and externally shared ones in the analysis summary", () => {
    expect(analysis.resources).toBeGreaterThan(20);
    expect(analysis.publicResources).toBeGreaterThanOrEqual(3);
    expect(analysis.externallySharedResources).toBeGreaterThanOrEqual(2);
  });

  it("keeps the public bucket policy under account-level Block Public Access from counting as public", async () => {
    expect(await exposureOf("acme-prod-website-assets", "s3-bucket")).toMatchObject({ exposure: "account", policyPublic: true });
    expect(await rulesOf("acme-prod-website-assets")).toEqual([]);
  });

  it("reports the truly public bucket, the Lambda function anyone invokes and the public EBS snapshot", async () => {
    expect((await exposureOf("acme-public-downloads", "s3-bucket")).exposure).toBe("public");
    expect(await rulesOf("acme-public-downloads")).toEqual(["resource-public"]);
    expect((await exposureOf("webhook-handler", "lambda-function")).exposure).toBe("public");
    expect(await rulesOf("webhook-handler")).toEqual(["lambda-public-invoke"]);
    expect(await rulesOf("dev-db-volume-backup")).toEqual(["snapshot-public"]);
  });

  it("reports the KMS key and the RDS snapshot shared outside the organization", async () => {
    expect(await exposureOf("alias/prod-data-key", "kms-key")).toMatchObject({ exposure: "outside-organization", externalAccounts: ["999988887777"] });
    expect(await rulesOf("alias/prod-data-key")).toEqual(["kms-key-external"]);
    expect(await rulesOf("orders-db-final")).toEqual(["resource-shared-external"]);
  });

  it("keeps the SQS queue pinned by aws:SourceArn, the org-wide ECR repository and the secret shared in the organization internal", async () => {
    expect((await exposureOf("order-events", "sqs-queue")).exposure).toBe("account");
    // The policy was read and its "*" grant judged restricted (not merely absent).
    const { rows: grants } = await h.db.pool.query("SELECT principal, restricted_by FROM resource_grant WHERE (valid_from <= $1 AND (valid_to IS NULL OR valid_to > $1)) AND resource_arn LIKE '%:order-events'", [analysis.analysisId]);
    expect(grants).toEqual([{ principal: "*", restricted_by: ["ArnEquals aws:SourceArn"] }]);
    expect((await exposureOf("base-images", "ecr-repository")).exposure).toBe("organization");
    expect(await exposureOf("prod/payments/api-key", "secretsmanager-secret")).toMatchObject({ exposure: "organization", orgAccounts: ["754892314056"] });
    expect([...await rulesOf("order-events"), ...await rulesOf("base-images"), ...await rulesOf("prod/payments/api-key")]).toEqual([]);
  });

  it("collects a DynamoDB stream's own tags, and shows a Lambda layer's tags as not supported by AWS", async () => {
    // Streams are tagged apart from their table (Streams ABAC):
    // https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/streams-abac-example-1.html
    const arnOf = async (type: string, name: string) => (await h.db.pool.query(
      "SELECT arn FROM resource_exposure WHERE (valid_from <= $1 AND (valid_to IS NULL OR valid_to > $1)) AND type = $2 AND name LIKE $3", [analysis.analysisId, type, name])).rows[0].arn as string;
    const detail = (arn: string) => getResourceDetailAt({ pool: h.db.pool, analysisId: analysis.analysisId, arn, level: "Read", limit: 10 });
    expect((await detail(await arnOf("dynamodb-stream", "orders/stream/%"))).tags).toEqual({ app: "orders", component: "order-events-feed" });
    expect((await detail(await arnOf("dynamodb-table", "orders"))).tags).toEqual({ app: "orders" });
    // Lambda's ListTags takes functions, event source mappings and code signing configurations, not layers:
    // https://docs.aws.amazon.com/lambda/latest/api/API_ListTags.html
    expect((await detail(await arnOf("lambda-layer", "acme-observability%"))).tags).toBeNull();
  });
});
