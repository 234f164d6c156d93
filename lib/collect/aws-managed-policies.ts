import { GetPolicyCommand, GetPolicyVersionCommand, type IAMClient } from "@aws-sdk/client-iam";
import type pg from "pg";
import { readPolicyDocuments } from "../snapshot/read-records";
import { registerDocument } from "./parse/policy-document";

export type TAwsManagedPolicy = {
  arn: string;
  id: string | null;
  name: string;
  path: string;
  defaultVersionId: string;
  documentHash: string;
  document: unknown;
  createDate: string | null;
  updateDate: string | null;
};

const iso = (date?: Date) => (date ? date.toISOString() : null);

/**
 * AWS-managed policies are the same in every account of a partition, so one run reads
 * each one once (GetPolicy, plus GetPolicyVersion when its default version is not the one
 * already stored), through whichever account needs it first, instead of every account paging through them in
 * GetAccountAuthorizationDetails. Concurrent accounts asking for the same ARN share one
 * fetch; a failed fetch is forgotten so the next account can try again.
 */
export class AwsManagedPolicyCatalog {
  private readonly fetches = new Map<string, Promise<TAwsManagedPolicy>>();
  private stored?: Promise<Map<string, TAwsManagedPolicy>>;

  /** `loadStored`: the versions earlier runs stored; a default version already stored is not read again. */
  constructor(private readonly loadStored: () => Promise<Map<string, TAwsManagedPolicy>> = async () => new Map()) {}

  get(options: { arn: string; iam: IAMClient; signal: AbortSignal }): Promise<TAwsManagedPolicy> {
    let fetch = this.fetches.get(options.arn);
    if (!fetch) {
      this.stored ??= this.loadStored().catch(() => new Map());
      fetch = this.stored.then((stored) => fetchPolicy({ ...options, known: stored.get(options.arn) }));
      this.fetches.set(options.arn, fetch);
      fetch.catch(() => this.fetches.delete(options.arn));
    }
    return fetch;
  }

  get size(): number {
    return this.fetches.size;
  }
}

async function fetchPolicy(options: { arn: string; iam: IAMClient; signal: AbortSignal; known?: TAwsManagedPolicy }): Promise<TAwsManagedPolicy> {
  const { arn, iam, signal, known } = options;
  const { Policy: policy } = await iam.send(new GetPolicyCommand({ PolicyArn: arn }), { abortSignal: signal });
  if (!policy?.DefaultVersionId) throw new Error(`GetPolicy ${arn} returned no default version id`);
  // A version id names immutable content: the stored document of the same default version is the document.
  if (known && known.defaultVersionId === policy.DefaultVersionId && known.document !== undefined) {
    return { ...known, id: policy.PolicyId ?? known.id, name: policy.PolicyName ?? known.name, updateDate: iso(policy.UpdateDate) ?? known.updateDate };
  }
  const { PolicyVersion: version } = await iam.send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: policy.DefaultVersionId }), { abortSignal: signal });
  const documents = new Map<string, unknown>();
  const documentHash = registerDocument({ documents, raw: version?.Document, context: `AWS managed policy ${arn} ${policy.DefaultVersionId}` });
  return {
    arn, id: policy.PolicyId ?? null, name: policy.PolicyName ?? arn.slice(arn.lastIndexOf("/") + 1), path: policy.Path ?? "/",
    defaultVersionId: policy.DefaultVersionId, documentHash, document: documents.get(documentHash),
    createDate: iso(policy.CreateDate), updateDate: iso(policy.UpdateDate),
  };
}

const catalogs = new Map<number, AwsManagedPolicyCatalog>();

/** The AWS-managed policies current in any account's snapshot, with their documents. */
export async function readStoredAwsManagedPolicies(pool: pg.Pool): Promise<Map<string, TAwsManagedPolicy>> {
  const { rows } = await pool.query<{ arn: string; name: string | null; data: Record<string, any> }>(
    `SELECT DISTINCT ON (arn) arn, name, data FROM snapshot_record
     WHERE kind = 'iam.policy' AND valid_to IS NULL AND (data->>'awsManaged')::boolean AND data->>'documentHash' IS NOT NULL
     ORDER BY arn, valid_from DESC`,
  );
  const documents = await readPolicyDocuments({ pool, hashes: rows.map((r) => r.data.documentHash as string) });
  return new Map(rows.filter((r) => documents.has(r.data.documentHash)).map((r) => [r.arn, {
    arn: r.arn, id: r.data.policyId ?? null, name: r.name ?? r.arn.slice(r.arn.lastIndexOf("/") + 1), path: r.data.path ?? "/",
    defaultVersionId: r.data.defaultVersionId, documentHash: r.data.documentHash, document: documents.get(r.data.documentHash),
    createDate: r.data.createDate ?? null, updateDate: r.data.updateDate ?? null,
  }]));
}

/** One catalogue per run and process (pg-boss workers each keep their own). */
export function awsManagedPolicyCatalog(runId: number, pool?: pg.Pool): AwsManagedPolicyCatalog {
  let catalog = catalogs.get(runId);
  if (!catalog) {
    catalog = new AwsManagedPolicyCatalog(pool ? () => readStoredAwsManagedPolicies(pool) : undefined);
    catalogs.set(runId, catalog);
    // A long-lived worker sees many runs; older runs' catalogues are no longer needed.
    for (const id of catalogs.keys()) if (id < runId - 1) catalogs.delete(id);
  }
  return catalog;
}
