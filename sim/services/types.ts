// Handler contexts shared by the service implementations.
import type { SimState, Caller } from "../state";
import type { FaultEngine } from "../faults";
import type { QueryParams } from "../protocol/query";
import type { RestRequest } from "../protocol/rest";

export interface SimOptions {
  /** GetServiceLastAccessedDetails answers IN_PROGRESS this many times before COMPLETED (default 1) */
  accessAdvisorPendingPolls: number;
  /** GetCredentialReport answers ReportInProgress until this long after a STARTED generation (default 0) */
  credentialReportDelayMs: number;
}

export interface Env {
  state: SimState;
  faults: FaultEngine;
  options: SimOptions;
}

export interface QueryCtx extends Env {
  caller: Caller;
  /** The region the request was signed for (the endpoint's region). */
  region: string;
  params: QueryParams;
  action: string;
}

export interface JsonCtx extends Env {
  caller: Caller;
  /** The region the request was signed for (SigV4 credential scope). */
  region: string;
  /** Host header of the request (SQS queue URLs point at the endpoint that was called). */
  host?: string;
  input: Record<string, unknown>;
  action: string;
}

export interface RestCtx extends Env {
  caller: Caller;
  region: string;
  req: RestRequest;
  requestId: string;
}

export type QueryHandler = (ctx: QueryCtx) => Record<string, unknown> | undefined;
export type JsonHandler = (ctx: JsonCtx) => Record<string, unknown>;

/** typed accessors for JSON input */
export function str(input: Record<string, unknown>, name: string): string | undefined {
  const v = input[name];
  return typeof v === "string" ? v : undefined;
}
export function num(input: Record<string, unknown>, name: string): number | undefined {
  const v = input[name];
  return typeof v === "number" ? v : undefined;
}
