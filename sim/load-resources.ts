// Resolves an account's `regions` and `resources` from the org file into AccountResources:
// ARNs and ids as AWS forms them, AWS's defaults where the file says nothing.
import type { Tag } from "./model";
import type { AccountRegion, AccountResources, BlockPublicAccess, Sharing } from "./resource-model";
import { DEFAULT_REGIONS, emptyResources } from "./resource-model";
import type { OrgFileBlockPublicAccess, OrgFileRegions, OrgFileResources } from "./resource-schema";
import { DAY_MS, hexChars, iso, uuidLike } from "./ids";

const GROUP_URI: Record<string, string> = {
  AllUsers: "http://acs.amazonaws.com/groups/global/AllUsers",
  AuthenticatedUsers: "http://acs.amazonaws.com/groups/global/AuthenticatedUsers",
  LogDelivery: "http://acs.amazonaws.com/groups/s3/LogDelivery",
};

export function resolveRegions(spec: OrgFileRegions | undefined): AccountRegion[] {
  if (!spec) return DEFAULT_REGIONS.map((name) => ({ name, status: "ENABLED_BY_DEFAULT" }));
  return spec.map((r) => (typeof r === "string" ? { name: r, status: "ENABLED_BY_DEFAULT" } : { name: r.name, status: r.optIn === "enabled" ? "ENABLED" : "DISABLED" }));
}

export function resolveBlockPublicAccess(spec: OrgFileBlockPublicAccess | undefined): BlockPublicAccess | undefined {
  if (spec === undefined) return undefined;
  if (spec === true) return { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true };
  return {
    BlockPublicAcls: spec.blockPublicAcls ?? false, IgnorePublicAcls: spec.ignorePublicAcls ?? false,
    BlockPublicPolicy: spec.blockPublicPolicy ?? false, RestrictPublicBuckets: spec.restrictPublicBuckets ?? false,
  };
}

/** The key policy KMS creates when none is given: the account may grant through IAM policies. */
export function defaultKeyPolicy(accountId: string): string {
  return JSON.stringify({
    Version: "2012-10-17", Id: "key-default-1",
    Statement: [{ Sid: "Enable IAM User Permissions", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${accountId}:root` }, Action: "kms:*", Resource: "*" }],
  });
}

function sharing(list: Array<string> | undefined): Sharing {
  return { public: (list ?? []).includes("all"), userIds: (list ?? []).filter((v) => v !== "all") };
}

export function resolveResources(options: {
  spec: OrgFileResources | undefined; regions: OrgFileRegions | undefined; accountId: string; seed: string; nowMs: number;
}): AccountResources {
  const { spec, accountId: acct, seed, nowMs } = options;
  const out = emptyResources(resolveRegions(options.regions));
  const home = out.regions.find((r) => r.status !== "DISABLED")?.name ?? "us-east-1";
  const toTags = (t?: Record<string, string>): Tag[] => (t ? Object.entries(t).map(([Key, Value]) => ({ Key, Value })) : []);
  const doc = (d: unknown) => (d === undefined ? undefined : JSON.stringify(d));
  const common = (r: { name: string; region?: string; tags?: Record<string, string>; ageDays?: number; policy?: unknown }) => ({
    name: r.name, region: r.region ?? home, tags: toTags(r.tags), createDate: iso(nowMs - (r.ageDays ?? 200) * DAY_MS), policy: doc(r.policy),
  });
  const id = (kind: string, name: string, region: string, len: number) => hexChars(`${seed}:${acct}:${kind}:${region}:${name}`, len);
  if (!spec) return out;
  out.s3AccountPublicAccessBlock = resolveBlockPublicAccess(spec.s3BlockPublicAccess);
  out.buckets = (spec.buckets ?? []).map((b) => ({
    ...common(b), arn: `arn:aws:s3:::${b.name}`, publicAccessBlock: resolveBlockPublicAccess(b.blockPublicAccess),
    objectOwnership: b.objectOwnership ?? "BucketOwnerEnforced",
    acl: (b.acl ?? []).map((g) => ("group" in g ? { type: "Group" as const, uri: GROUP_URI[g.group], permission: g.permission } : { type: "CanonicalUser" as const, id: g.canonicalUser, permission: g.permission })),
  }));
  out.kmsKeys = (spec.kmsKeys ?? []).map((k) => {
    const c = common(k);
    const keyId = uuidLike(`${seed}:${acct}:kms:${c.region}:${k.name}`);
    return {
      ...c, id: keyId, arn: `arn:aws:kms:${c.region}:${acct}:key/${keyId}`, policy: c.policy ?? defaultKeyPolicy(acct),
      keyManager: k.keyManager ?? "CUSTOMER", keyState: k.keyState ?? "Enabled", description: k.name,
      grants: (k.grants ?? []).map((g, i) => ({
        grantId: hexChars(`${seed}:${acct}:grant:${keyId}:${i}`, 64), granteePrincipal: g.grantee, retiringPrincipal: g.retiring,
        operations: g.operations, constraints: g.encryptionContext ? { EncryptionContextSubset: g.encryptionContext } : undefined,
      })),
    };
  });
  out.queues = (spec.queues ?? []).map((q) => {
    const c = common(q);
    return { ...c, arn: `arn:aws:sqs:${c.region}:${acct}:${q.name}`, url: `https://sqs.${c.region}.amazonaws.com/${acct}/${q.name}` };
  });
  out.topics = (spec.topics ?? []).map((t) => { const c = common(t); return { ...c, arn: `arn:aws:sns:${c.region}:${acct}:${t.name}` }; });
  out.secrets = (spec.secrets ?? []).map((s) => {
    const c = common(s);
    // Secrets Manager appends six random characters to a secret's ARN.
    const suffix = hexChars(`${seed}:${acct}:secret:${c.region}:${s.name}`, 6);
    return { ...c, arn: `arn:aws:secretsmanager:${c.region}:${acct}:secret:${s.name}-${suffix}` };
  });
  out.functions = (spec.functions ?? []).map((f) => { const c = common(f); return { ...c, arn: `arn:aws:lambda:${c.region}:${acct}:function:${f.name}`, runtime: f.runtime ?? "nodejs22.x" }; });
  out.layers = (spec.layers ?? []).map((l) => {
    const c = common(l);
    const arn = `arn:aws:lambda:${c.region}:${acct}:layer:${l.name}`;
    return { ...c, arn, versions: l.versions.map((v, i) => ({ version: i + 1, arn: `${arn}:${i + 1}`, policy: doc(v.policy), createDate: c.createDate })) };
  });
  out.repositories = (spec.repositories ?? []).map((r) => {
    const c = common(r);
    return { ...c, arn: `arn:aws:ecr:${c.region}:${acct}:repository/${r.name}`, uri: `${acct}.dkr.ecr.${c.region}.amazonaws.com/${r.name}` };
  });
  out.tables = (spec.tables ?? []).map((t) => {
    const c = common(t);
    const arn = `arn:aws:dynamodb:${c.region}:${acct}:table/${t.name}`;
    const label = c.createDate.replace(/Z$/, ".000");
    const stream = t.stream === undefined ? undefined : { arn: `${arn}/stream/${label}`, label, policy: t.stream === true ? undefined : doc(t.stream.policy), tags: toTags(t.stream === true ? undefined : t.stream.tags) };
    return { ...c, arn, stream };
  });
  out.fileSystems = (spec.fileSystems ?? []).map((f) => {
    const c = common(f);
    const fsId = `fs-${id("efs", f.name, c.region, 17)}`;
    return { ...c, id: fsId, arn: `arn:aws:elasticfilesystem:${c.region}:${acct}:file-system/${fsId}` };
  });
  out.ebsSnapshots = (spec.ebsSnapshots ?? []).map((s) => {
    const c = common(s);
    const snapId = `snap-${id("ebs", s.name, c.region, 17)}`;
    // EBS snapshot ARNs carry no account id.
    return { ...c, id: snapId, arn: `arn:aws:ec2:${c.region}::snapshot/${snapId}`, volumeSize: s.volumeSize ?? 100, sharing: sharing(s.sharedWith) };
  });
  out.dbSnapshots = (spec.dbSnapshots ?? []).map((s) => {
    const c = common(s);
    return { ...c, arn: `arn:aws:rds:${c.region}:${acct}:snapshot:${s.name}`, sourceId: `${s.name}-db`, engine: s.engine ?? "postgres", sharing: sharing(s.sharedWith) };
  });
  out.clusterSnapshots = (spec.clusterSnapshots ?? []).map((s) => {
    const c = common(s);
    return { ...c, arn: `arn:aws:rds:${c.region}:${acct}:cluster-snapshot:${s.name}`, sourceId: `${s.name}-cluster`, engine: s.engine ?? "aurora-postgresql", sharing: sharing(s.sharedWith) };
  });
  return out;
}
