import { GetPolicyCommand, GetPolicyVersionCommand, type IAMClient } from "@aws-sdk/client-iam";
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
 * each one once (GetPolicy + GetPolicyVersion of its default version), through whichever
 * account needs it first, instead of every account paging through them in
 * GetAccountAuthorizationDetails. Concurrent accounts asking for the same ARN share one
 * fetch; a failed fetch is forgotten so the next account can try again.
 */
export class AwsManagedPolicyCatalog {
  private readonly fetches = new Map<string, Promise<TAwsManagedPolicy>>();

  get(options: { arn: string; iam: IAMClient; signal: AbortSignal }): Promise<TAwsManagedPolicy> {
    let fetch = this.fetches.get(options.arn);
    if (!fetch) {
      fetch = fetchPolicy(options);
      this.fetches.set(options.arn, fetch);
      fetch.catch(() => this.fetches.delete(options.arn));
    }
    return fetch;
  }

  get size(): number {
    return this.fetches.size;
  }
}

async function fetchPolicy(options: { arn: string; iam: IAMClient; signal: AbortSignal }): Promise<TAwsManagedPolicy> {
  const { arn, iam, signal } = options;
  const { Policy: policy } = await iam.send(new GetPolicyCommand({ PolicyArn: arn }), { abortSignal: signal });
  if (!policy?.DefaultVersionId) throw new Error(`GetPolicy ${arn} returned no default version id`);
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

/** One catalogue per run and process (pg-boss workers each keep their own). */
export function awsManagedPolicyCatalog(runId: number): AwsManagedPolicyCatalog {
  let catalog = catalogs.get(runId);
  if (!catalog) {
    catalog = new AwsManagedPolicyCatalog();
    catalogs.set(runId, catalog);
    // A long-lived worker sees many runs; older runs' catalogues are no longer needed.
    for (const id of catalogs.keys()) if (id < runId - 1) catalogs.delete(id);
  }
  return catalog;
}
