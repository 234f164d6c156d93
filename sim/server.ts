// HTTP front end of the simulator: one endpoint for every service, dispatched by protocol.
//   awsQuery  (STS, IAM, SNS, RDS) and ec2: POST form body, service from the SigV4 scope or the Action
//   awsJson1_0/1_1 (Organizations, SSO Admin, Identity Store, KMS, Secrets Manager, ECR, DynamoDB, SQS):
//                                         POST with X-Amz-Target
//   restJson1 (SSO portal):               GET /federation/credentials
//   restJson1 (Lambda, EFS, Account) and restXml (S3 path-style, S3 Control): by the SigV4 service
//   The SigV4 scope's region selects the region of regional resources.
//   GET /__sim/stats:                     statistics as JSON
import http from "node:http";
import { randomUUID } from "node:crypto";
import type { AddressInfo, Socket } from "node:net";
import type { Faults, Organization } from "./model";
import { SimState, type Caller } from "./state";
import { FaultEngine, type SimStats } from "./faults";
import { SimError } from "./protocol/common";
import { QueryParams, queryError, queryResponse } from "./protocol/query";
import { JSON_10, jsonError, parseTarget } from "./protocol/json";
import { ec2Error, ec2Response } from "./protocol/ec2";
import { matchRoute, restJsonError, restXmlError, type RestRoute } from "./protocol/rest";
import type { Env, JsonHandler, QueryHandler, RestCtx, SimOptions } from "./services/types";
import { KMS_HANDLERS } from "./services/kms";
import { SQS_HANDLERS } from "./services/sqs";
import { SECRETS_MANAGER_HANDLERS } from "./services/secretsmanager";
import { ECR_HANDLERS } from "./services/ecr";
import { DYNAMODB_HANDLERS } from "./services/dynamodb";
import { SNS_HANDLERS } from "./services/sns";
import { RDS_HANDLERS } from "./services/rds";
import { EC2_HANDLERS } from "./services/ec2";
import { S3_ROUTES } from "./services/s3";
import { LAMBDA_ROUTES } from "./services/lambda";
import { EFS_ROUTES } from "./services/efs";
import { ACCOUNT_ROUTES } from "./services/account";
import { scpDenies } from "./scp-guardrail";
import { STS_HANDLERS, assumeRoleTarget } from "./services/sts";
import { IAM_HANDLERS } from "./services/iam";
import { ORGANIZATIONS_HANDLERS } from "./services/organizations";
import { SSO_ADMIN_HANDLERS } from "./services/sso-admin";
import { IDENTITY_STORE_HANDLERS } from "./services/identitystore";
import { getRoleCredentials } from "./services/sso-portal";

export type { SimStats } from "./faults";

export interface StartOptions {
  org: Organization;
  faults?: Faults;
  /** 0 or absent = random free port */
  port?: number;
  /** GetServiceLastAccessedDetails answers IN_PROGRESS this many polls first (default 1) */
  accessAdvisorPendingPolls?: number;
  /** GetCredentialReport answers ReportInProgress this long after generation started (default 0) */
  credentialReportDelayMs?: number;
}

export interface SimulatorHandle {
  url: string;
  port: number;
  stop(): Promise<void>;
  stats(): SimStats;
  resetStats(): void;
  /** replace the fault configuration (buckets start full again) */
  setFaults(faults: Faults): void;
  hub: { accessKeyId: string; secretAccessKey: string; principalArn: string; accountId: string };
  state: SimState;
}

const QUERY_XML = { "content-type": "text/xml" };
const JSON_11 = { "content-type": "application/x-amz-json-1.1" };
const REST_JSON = { "content-type": "application/json" };

const THROTTLE: Record<string, [string, number, string]> = {
  sts: ["Throttling", 400, "Rate exceeded"],
  iam: ["Throttling", 400, "Rate exceeded"],
  organizations: ["TooManyRequestsException", 400, "AWS Organizations can't complete your request because another request is already in progress or the rate limit is exceeded. Try again later."],
  sso: ["ThrottlingException", 400, "Rate exceeded"],
  identitystore: ["ThrottlingException", 400, "Rate exceeded"],
  "sso-portal": ["TooManyRequestsException", 429, "Rate exceeded"],
  s3: ["SlowDown", 503, "Please reduce your request rate."],
  kms: ["ThrottlingException", 400, "Rate exceeded"],
  sqs: ["RequestThrottled", 403, "Request is throttled."],
  sns: ["Throttling", 400, "Rate exceeded"],
  secretsmanager: ["ThrottlingException", 400, "Rate exceeded"],
  lambda: ["TooManyRequestsException", 429, "Rate exceeded"],
  ecr: ["ThrottlingException", 400, "Rate exceeded"],
  dynamodb: ["ThrottlingException", 400, "Rate of requests exceeds the allowed throughput."],
  elasticfilesystem: ["ThrottlingException", 429, "Rate exceeded"],
  ec2: ["RequestLimitExceeded", 503, "Request limit exceeded."],
  rds: ["Throttling", 400, "Rate exceeded"],
  account: ["TooManyRequestsException", 429, "Rate exceeded"],
};

/** Each data service's access-denied error (code, HTTP status). */
const DENIED: Record<string, [string, number]> = {
  s3: ["AccessDenied", 403], kms: ["AccessDeniedException", 400], sqs: ["AccessDenied", 403], sns: ["AuthorizationError", 403],
  secretsmanager: ["AccessDeniedException", 400], lambda: ["AccessDeniedException", 403], ecr: ["AccessDeniedException", 400],
  dynamodb: ["AccessDeniedException", 400], elasticfilesystem: ["AccessDeniedException", 403], ec2: ["UnauthorizedOperation", 403],
  rds: ["AccessDenied", 403], account: ["AccessDeniedException", 403],
};

/** IAM action names where they differ from the API operation (for SCP evaluation). */
const IAM_ACTION: Record<string, string> = {
  "s3:ListBuckets": "s3:ListAllMyBuckets", "s3:GetPublicAccessBlock": "s3:GetBucketPublicAccessBlock",
};

const QUERY_TABLES: Record<string, Record<string, QueryHandler>> = { sts: STS_HANDLERS, iam: IAM_HANDLERS, sns: SNS_HANDLERS, rds: RDS_HANDLERS };
const JSON_TABLES: Record<string, Record<string, JsonHandler>> = {
  organizations: ORGANIZATIONS_HANDLERS, sso: SSO_ADMIN_HANDLERS, identitystore: IDENTITY_STORE_HANDLERS,
  kms: KMS_HANDLERS, sqs: SQS_HANDLERS, secretsmanager: SECRETS_MANAGER_HANDLERS, ecr: ECR_HANDLERS, dynamodb: DYNAMODB_HANDLERS,
};
const REST_ROUTES: Record<string, RestRoute<RestCtx>[]> = { s3: S3_ROUTES, lambda: LAMBDA_ROUTES, elasticfilesystem: EFS_ROUTES, account: ACCOUNT_ROUTES };

interface Reply { status: number; headers: Record<string, string>; body: string; /** account the request acted in */ acting?: string; /** "service:Action" */ op?: string }

const HTML_PAGE = "<!DOCTYPE html><html><head><title>Sign in</title></head><body><h1>Portal</h1><p>This page is not an API.</p></body></html>";
const htmlReply = (acting?: string): Reply => ({ status: 200, headers: { "content-type": "text/html; charset=utf-8" }, body: HTML_PAGE, acting });

function parseAuth(header: string | undefined): { akid?: string; scope?: string; region: string } {
  if (!header) return { region: "us-east-1" };
  const m = /Credential=([^/,\s]+)\/[^/]+\/([^/]+)\/([^/]+)\/aws4_request/.exec(header);
  return m ? { akid: m[1], region: m[2], scope: m[3] } : { region: "us-east-1" };
}

type TSlowJob = { send: () => void; res: http.ServerResponse; slow: { serviceMs: number; workers: number }; gone?: boolean };

/** An overloaded server: a few workers, each busy `serviceMs` per request, abandoned ones included. */
class SlowQueue {
  private readonly jobs: TSlowJob[] = [];
  private busy = 0;
  private timers = new Set<NodeJS.Timeout>();
  constructor(private readonly stats: () => SimStats) {}

  push(job: TSlowJob): void {
    job.res.once("close", () => { job.gone = true; });
    this.jobs.push(job);
    this.drain();
  }

  private drain(): void {
    while (this.jobs.length && this.busy < this.jobs[0].slow.workers) {
      const job = this.jobs.shift()!;
      this.busy++;
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        this.busy--;
        if (job.gone) this.stats().abandonedServed++;
        else job.send();
        this.drain();
      }, job.slow.serviceMs);
      this.timers.add(timer);
    }
  }

  clear(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.jobs.length = 0;
  }
}

export async function startSimulator(opts: StartOptions): Promise<SimulatorHandle> {
  const state = new SimState(opts.org);
  const options: SimOptions = {
    accessAdvisorPendingPolls: opts.accessAdvisorPendingPolls ?? 1,
    credentialReportDelayMs: opts.credentialReportDelayMs ?? 0,
  };
  const env: Env = { state, faults: new FaultEngine(opts.faults), options };
  const held = new Set<http.ServerResponse>();

  /** authenticate the SigV4 access key id (+ session token) */
  function authenticate(akid: string | undefined, token: string | undefined): Caller | SimError {
    const caller = akid ? state.callerForKey(akid) : undefined;
    if (!caller || (caller.sessionToken !== undefined && caller.sessionToken !== token)) {
      return new SimError("InvalidClientTokenId", "The security token included in the request is invalid.", 403);
    }
    if (caller.expiration !== undefined && caller.expiration < Date.now()) {
      return new SimError("ExpiredToken", "The security token included in the request is expired", 400);
    }
    return caller;
  }

  /** throttle / 5xx / explicit-deny faults shared by every API; returns an error to send, or undefined */
  function preflight(service: string, action: string, acting: string, calling: string, caller: Caller | undefined, region = "us-east-1"): SimError | undefined {
    const f = env.faults;
    if (!f.admit(`${service}:${action}`, acting, calling)) {
      const [code, status, msg] = THROTTLE[service];
      return new SimError(code, msg, status);
    }
    const fail = f.inject5xx();
    if (fail) return new SimError(fail === 500 ? "InternalFailure" : "ServiceUnavailable", fail === 500 ? "We encountered an internal error. Please try again." : "Service Unavailable", fail);
    const denied = DENIED[service];
    if (caller && denied) {
      const iamAction = IAM_ACTION[`${service}:${action}`] ?? `${service}:${action}`;
      const scp = scpDenies({ state, accountId: acting, principalArn: caller.principalArns[0], action: iamAction, region });
      if (scp || f.apiDenied(acting, action)) {
        return new SimError(denied[0], `User: ${caller.arn} is not authorized to perform: ${iamAction} on resource: * with an explicit deny in a service control policy`, denied[1]);
      }
    }
    if (caller && service !== "sts" && f.apiDenied(acting, action)) {
      const svc = service === "sso-portal" ? "sso" : service;
      return new SimError(service === "iam" ? "AccessDenied" : "AccessDeniedException",
        `User: ${caller.arn} is not authorized to perform: ${svc}:${action} on resource: * with an explicit deny in a service control policy`, service === "iam" ? 403 : 400);
    }
    return undefined;
  }

  function handleQuery(body: string, req: http.IncomingMessage, requestId: string): Reply | "hold" {
    const params = new URLSearchParams(body);
    const action = params.get("Action") ?? "";
    const { akid, scope, region } = parseAuth(req.headers.authorization);
    const service = scope && (scope in QUERY_TABLES || scope === "ec2") ? scope : action in STS_HANDLERS ? "sts" : "iam";
    const ec2 = service === "ec2";
    const handler = ec2 ? (EC2_HANDLERS[action] as QueryHandler | undefined) : QUERY_TABLES[service][action];
    const err = (e: SimError): Reply => ({ status: e.status, headers: QUERY_XML, body: ec2 ? ec2Error(e.code, e.message, requestId) : queryError(service, e.code, e.message, e.status, requestId) });
    env.faults.countCall(`${service}:${action || "?"}`);
    if (env.faults.isUnimplemented(service, action)) return err(new SimError("InvalidAction", `Could not find operation ${action} for version ${params.get("Version") ?? ""}`, 400));
    if (!handler) return err(new SimError("InvalidAction", `Could not find operation ${action} for version ${params.get("Version") ?? ""}`, 400));
    const caller = authenticate(akid, req.headers["x-amz-security-token"] as string | undefined);
    if (caller instanceof SimError) return err(caller);
    if (env.faults.isBlackholed(caller.accountId) || (action === "AssumeRole" && env.faults.isBlackholed(assumeRoleTarget(params.get("RoleArn") ?? undefined)))) return "hold";
    const pre = preflight(service, action, caller.accountId, caller.callingAccountId, caller, region);
    if (pre) return { ...err(pre), acting: caller.accountId, op: `${service}:${action}` };
    if (env.faults.answersHtml(service, action)) return htmlReply(caller.accountId);
    try {
      const result = handler({ ...env, caller, region, params: new QueryParams(params), action });
      return { status: 200, headers: QUERY_XML, body: ec2 ? ec2Response(action, result ?? {}, requestId) : queryResponse(service, action, result, requestId), acting: caller.accountId, op: `${service}:${action}` };
    } catch (e) {
      if (e instanceof SimError) return { ...err(e), acting: caller.accountId, op: `${service}:${action}` };
      throw e;
    }
  }

  function handleJson(body: string, req: http.IncomingMessage): Reply | "hold" {
    const target = parseTarget(req.headers["x-amz-target"] as string | undefined);
    const contentType = { "content-type": target && JSON_10.has(target[0]) ? "application/x-amz-json-1.0" : JSON_11["content-type"] };
    const err = (e: SimError): Reply => ({ status: e.status, headers: { ...contentType, "x-amzn-errortype": e.code }, body: jsonError(e.code, e.message) });
    if (!target) return err(new SimError("UnknownOperationException", `Unknown target ${req.headers["x-amz-target"] ?? ""}`));
    const [service, action] = target;
    const region = parseAuth(req.headers.authorization).region;
    env.faults.countCall(`${service}:${action}`);
    if (env.faults.isUnimplemented(service, action)) return err(new SimError("UnknownOperationException", `Unknown operation ${action}`));
    const handler = JSON_TABLES[service]?.[action];
    if (!handler) return err(new SimError("UnknownOperationException", `Unknown operation ${action}`));
    const signed = parseAuth(req.headers.authorization);
    const auth = authenticate(signed.akid, req.headers["x-amz-security-token"] as string | undefined);
    if (auth instanceof SimError) {
      return err(auth.code === "ExpiredToken" ? new SimError("ExpiredTokenException", auth.message) : new SimError("UnrecognizedClientException", auth.message));
    }
    if (env.faults.isBlackholed(auth.accountId)) return "hold";
    const pre = preflight(service, action, auth.accountId, auth.callingAccountId, auth, region);
    if (pre) return { ...err(pre), acting: auth.accountId, op: `${service}:${action}` };
    if (env.faults.answersHtml(service, action)) return htmlReply(auth.accountId);
    let input: Record<string, unknown>;
    try {
      input = body ? (JSON.parse(body) as Record<string, unknown>) : {};
    } catch {
      return err(new SimError("SerializationException", "Malformed JSON"));
    }
    try {
      return { status: 200, headers: contentType, body: JSON.stringify(handler({ ...env, caller: auth, region, host: req.headers.host, input, action })), acting: auth.accountId, op: `${service}:${action}` };
    } catch (e) {
      if (e instanceof SimError) return { ...err(e), acting: auth.accountId, op: `${service}:${action}` };
      throw e;
    }
  }

  function handlePortal(url: URL, req: http.IncomingMessage): Reply | "hold" {
    const err = (e: SimError): Reply => ({ status: e.status, headers: { ...REST_JSON, "x-amzn-errortype": e.code }, body: JSON.stringify({ message: e.message }) });
    env.faults.countCall("sso-portal:GetRoleCredentials");
    const accountId = url.searchParams.get("account_id") ?? undefined;
    if (env.faults.isBlackholed(accountId)) return "hold";
    if (env.faults.isUnimplemented("sso-portal", "GetRoleCredentials")) return { status: 404, headers: REST_JSON, body: JSON.stringify({ message: "Not Found" }) };
    const pre = preflight("sso-portal", "GetRoleCredentials", accountId ?? "-", accountId ?? "-", undefined);
    if (pre) return err(pre);
    if (env.faults.answersHtml("sso-portal", "GetRoleCredentials")) return htmlReply(accountId);
    try {
      const s = getRoleCredentials(state, req.headers["x-amz-sso_bearer_token"] as string | undefined, url.searchParams.get("role_name") ?? undefined, accountId);
      const roleCredentials = { accessKeyId: s.accessKeyId, secretAccessKey: s.secretAccessKey, sessionToken: s.sessionToken, expiration: s.expiration };
      return { status: 200, headers: REST_JSON, body: JSON.stringify({ roleCredentials }) };
    } catch (e) {
      if (e instanceof SimError) return err(e);
      throw e;
    }
  }

  function handleRest(service: string, url: URL, req: http.IncomingMessage, body: string, requestId: string): Reply | "hold" {
    const xml = service === "s3";
    const err = (e: SimError): Reply => (xml ? restXmlError(e, requestId) : restJsonError(e));
    const request = { method: req.method ?? "GET", path: url.pathname, query: url.searchParams, headers: req.headers, body };
    const match = matchRoute(REST_ROUTES[service], request);
    const action = match?.action ?? "?";
    env.faults.countCall(`${service}:${action}`);
    if (!match) return err(new SimError(xml ? "NotImplemented" : "UnknownOperationException", `no ${service} operation for ${request.method} ${url.pathname}`, xml ? 501 : 404));
    const { akid, region } = parseAuth(req.headers.authorization);
    const caller = authenticate(akid, req.headers["x-amz-security-token"] as string | undefined);
    if (caller instanceof SimError) return err(xml ? new SimError("InvalidAccessKeyId", "The AWS Access Key Id you provided does not exist in our records.", 403) : new SimError("UnrecognizedClientException", caller.message, 403));
    if (env.faults.isBlackholed(caller.accountId)) return "hold";
    const pre = preflight(service, action, caller.accountId, caller.callingAccountId, caller, region);
    if (pre) return err(pre);
    try {
      return match.route.handle({ ...env, caller, region, req: request, requestId }, match.params);
    } catch (e) {
      if (e instanceof SimError) return err(e);
      throw e;
    }
  }

  function route(req: http.IncomingMessage, body: string, requestId: string): Reply | "hold" {
    const url = new URL(req.url ?? "/", "http://sim");
    if (req.method === "GET" && url.pathname === "/__sim/stats") return { status: 200, headers: REST_JSON, body: JSON.stringify(env.faults.stats) };
    if (req.method === "GET" && url.pathname === "/federation/credentials") return handlePortal(url, req);
    if (req.method === "POST" && req.headers["x-amz-target"]) return handleJson(body, req);
    const signedFor = parseAuth(req.headers.authorization).scope;
    if (signedFor && signedFor in REST_ROUTES) return handleRest(signedFor, url, req, body, requestId);
    if (req.method === "POST") return handleQuery(body, req, requestId);
    return { status: 404, headers: REST_JSON, body: JSON.stringify({ message: `no route for ${req.method} ${url.pathname}` }) };
  }

  // The slow endpoint's workers: FIFO, serviceMs per request, whether or not its client is still there.
  const slowQueue = new SlowQueue(() => env.faults.stats);

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const requestId = randomUUID();
      let reply: Reply | "hold";
      try {
        reply = route(req, Buffer.concat(chunks).toString("utf8"), requestId);
      } catch (e) {
        reply = { status: 500, headers: REST_JSON, body: JSON.stringify({ __type: "InternalFailure", message: String((e as Error)?.stack ?? e) }) };
      }
      if (reply === "hold") {
        env.faults.stats.blackholed++;
        held.add(res);
        res.on("close", () => held.delete(res));
        return;
      }
      const r = reply;
      const send = () => {
        if (res.destroyed || res.writableEnded) return;
        res.writeHead(r.status, { ...r.headers, "x-amzn-requestid": requestId, "content-length": Buffer.byteLength(r.body) });
        res.end(r.body);
      };
      const slow = env.faults.slowFor(r.acting, r.op);
      if (slow) return slowQueue.push({ send, res, slow });
      const delay = env.faults.latencyMs;
      if (delay > 0) setTimeout(send, delay);
      else send();
    });
  });
  server.keepAliveTimeout = 30_000;

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const sockets = new Set<Socket>();
  server.on("connection", (s) => { sockets.add(s); s.on("close", () => sockets.delete(s)); });

  const hub = opts.org.hub;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    state,
    hub: { accessKeyId: hub.accessKeyId, secretAccessKey: hub.secretAccessKey, principalArn: hub.principalArn, accountId: hub.accountId },
    stats: () => structuredClone(env.faults.stats),
    resetStats: () => env.faults.resetStats(),
    setFaults: (f) => { const stats = env.faults.stats; env.faults = new FaultEngine(f); env.faults.stats = stats; },
    stop: () =>
      new Promise<void>((resolve) => {
        slowQueue.clear();
        for (const s of sockets) s.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

