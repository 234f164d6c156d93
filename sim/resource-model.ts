// Data resources of a simulated account (resolved: final ARNs, policies as JSON strings).
// Produced by load-resources.ts (org files) and generate-resources.ts (benchmarks).
import type { IsoDate, Tag } from "./model";

/** account:ListRegions opt-in status, as AWS spells it. */
export type RegionOptStatus = "ENABLED" | "ENABLING" | "DISABLING" | "DISABLED" | "ENABLED_BY_DEFAULT";
export interface AccountRegion { name: string; status: RegionOptStatus }

export interface BlockPublicAccess {
  BlockPublicAcls: boolean;
  IgnorePublicAcls: boolean;
  BlockPublicPolicy: boolean;
  RestrictPublicBuckets: boolean;
}

export interface AclGrant {
  type: "CanonicalUser" | "Group";
  id?: string;
  uri?: string;
  permission: "FULL_CONTROL" | "READ" | "WRITE" | "READ_ACP" | "WRITE_ACP";
}

interface Base { name: string; arn: string; region: string; tags: Tag[]; createDate: IsoDate; policy?: string }

export interface Bucket extends Base {
  publicAccessBlock?: BlockPublicAccess;
  objectOwnership?: "BucketOwnerEnforced" | "BucketOwnerPreferred" | "ObjectWriter";
  acl: AclGrant[];
}
export interface KmsGrant { grantId: string; granteePrincipal: string; retiringPrincipal?: string; operations: string[]; constraints?: Record<string, unknown> }
export interface KmsKey extends Base { id: string; keyManager: "AWS" | "CUSTOMER"; keyState: string; description: string; grants: KmsGrant[] }
export interface Queue extends Base { url: string }
export type Topic = Base;
export type Secret = Base;
export interface LambdaFunction extends Base { runtime: string }
export interface LayerVersion { version: number; arn: string; policy?: string; createDate: IsoDate }
export interface LambdaLayer extends Base { versions: LayerVersion[] }
export interface Repository extends Base { uri: string }
/** A stream has tags of its own (DynamoDB Streams ABAC): a table's tags are not its stream's. */
export interface Table extends Base { stream?: { arn: string; label: string; policy?: string; tags: Tag[] } }
export interface FileSystem extends Base { id: string }
export interface Sharing { userIds: string[]; public: boolean }
export interface EbsSnapshot extends Base { id: string; volumeSize: number; sharing: Sharing }
export interface DbSnapshot extends Base { sourceId: string; engine: string; sharing: Sharing }

export interface AccountResources {
  regions: AccountRegion[];
  s3AccountPublicAccessBlock?: BlockPublicAccess;
  buckets: Bucket[];
  kmsKeys: KmsKey[];
  queues: Queue[];
  topics: Topic[];
  secrets: Secret[];
  functions: LambdaFunction[];
  layers: LambdaLayer[];
  repositories: Repository[];
  tables: Table[];
  fileSystems: FileSystem[];
  ebsSnapshots: EbsSnapshot[];
  dbSnapshots: DbSnapshot[];
  clusterSnapshots: DbSnapshot[];
}

/** The standard (enabled by default) commercial regions and a few opt-in ones. */
export const DEFAULT_REGIONS = ["us-east-1", "us-east-2", "us-west-1", "us-west-2", "eu-west-1", "eu-central-1"];

export function emptyResources(regions: AccountRegion[] = DEFAULT_REGIONS.map((name) => ({ name, status: "ENABLED_BY_DEFAULT" }))): AccountResources {
  return {
    regions, buckets: [], kmsKeys: [], queues: [], topics: [], secrets: [], functions: [], layers: [], repositories: [],
    tables: [], fileSystems: [], ebsSnapshots: [], dbSnapshots: [], clusterSnapshots: [],
  };
}
