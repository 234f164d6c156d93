import type { IAMClient } from "@aws-sdk/client-iam";
import type pLimit from "p-limit";
import type { TEnv } from "../config/env";
import type { clientConfig } from "../aws/client-config";
import type { TStoredRecord } from "../snapshot/read-records";
import type { TRecordBatch } from "../snapshot/types";
import type { AwsManagedPolicyCatalog } from "./aws-managed-policies";
import type { TRecordError } from "./record-errors";

export type TPrincipalRef = { id: string; name: string; arn: string; type: "user" | "role" };

/** What one account's collectors share while they run. */
export type TAccountContext = {
  accountId: string;
  iam: IAMClient;
  env: TEnv;
  signal: AbortSignal;
  /** Bounds concurrent calls inside the account (per-user and per-principal fan-out). */
  limit: ReturnType<typeof pLimit>;
  /** Policy documents seen this run, by hash (stored once). */
  documents: Map<string, unknown>;
  /** The account's current stored records of a kind, for incremental refresh. */
  readCurrent: (kind: string) => Promise<TStoredRecord[]>;
  /** Filled by the authorization-details collector for the ones that run after it. */
  principals: TPrincipalRef[];
  /** Sets one unreadable record aside (kind, which one, what was missing); the rest is stored. */
  recordError: (error: TRecordError) => void;
  /** AWS-managed policies, read once per run for every account. */
  awsManagedPolicies: AwsManagedPolicyCatalog;
  /**
   * Another SDK client of this account (any service, any region) with the account's
   * credentials, retries, timeouts, call counting and pacing; destroyed with the account.
   */
  makeClient: <T extends TSdkClient>(options: { region: string; create: (config: ReturnType<typeof clientConfig>) => T }) => T;
  /** Data a collector could read only in part (one call denied): recorded, the rest is kept. */
  noteUnavailable: (entry: TUnavailable) => void;
};

export type TSdkClient = {
  middlewareStack: { add: (middleware: any, options: any) => void };
  destroy: () => void;
};

/**
 * One AWS resource type. `kinds` are the record kinds it writes. A collector that throws
 * AccessDenied or an unimplemented API makes its kinds "unavailable" for the account; its
 * previous records stay current and the account's other collectors still run.
 */
export type TAccountCollector = {
  name: string;
  kinds: string[];
  /** Needs the principal list from the authorization-details collector. */
  needsPrincipals?: boolean;
  collect: (ctx: TAccountContext) => Promise<TRecordBatch[]>;
};

/**
 * Data the collector could not read. A whole kind (`kind` "iam.credential-report"), one
 * field of a kind ("sso.permission-set.permissionsBoundary"), or one record
 * (code "RecordError", with `record` and the fields it lacked in `missing`).
 */
export type TUnavailable = { kind: string; collector: string; code: string; message: string; record?: string; missing?: string[]; operation?: string };
