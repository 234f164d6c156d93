import { ACCESS_LEVELS, type AccessLevel, type ActionCatalogue } from "./action-catalogue";
import { countInRange } from "./action-set";
import { expandActionPatterns } from "./expand-action-pattern";

// IAM service prefix of each resource type the resource analysis covers.
export const RESOURCE_SERVICE: Record<string, string> = {
  "s3-bucket": "s3",
  "kms-key": "kms",
  "sqs-queue": "sqs",
  "sns-topic": "sns",
  "secretsmanager-secret": "secretsmanager",
  "lambda-function": "lambda",
  "lambda-layer": "lambda",
  "ecr-repository": "ecr",
  "dynamodb-table": "dynamodb",
  "dynamodb-stream": "dynamodb",
  "efs-file-system": "elasticfilesystem",
  "ebs-snapshot": "ec2",
  "rds-db-snapshot": "rds",
  "rds-cluster-snapshot": "rds",
};

const levelCaches = new WeakMap<ActionCatalogue, Map<string, AccessLevel[]>>();

// The access levels of `service` a statement's Action (or NotAction) covers. Cached per
// pattern list: 200,000 resource policies repeat a few hundred distinct action lists.
export function levelsOfActions(options: { catalogue: ActionCatalogue; service: string; actions?: string[]; notActions?: string[] }): AccessLevel[] {
  const { catalogue, service } = options;
  let cache = levelCaches.get(catalogue);
  if (!cache) {
    cache = new Map();
    levelCaches.set(catalogue, cache);
  }
  const negated = options.actions === undefined;
  const patterns = options.actions ?? options.notActions ?? [];
  const key = `${service}|${negated ? "!" : ""}${patterns.join(",").toLowerCase()}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const serviceIndex = catalogue.serviceIndexByKey.get(service);
  const levels: AccessLevel[] = [];
  if (serviceIndex !== undefined) {
    const expanded = expandActionPatterns({ catalogue, patterns });
    const { levelStarts } = catalogue.services[serviceIndex];
    for (const [level, name] of ACCESS_LEVELS.entries()) {
      const size = levelStarts[level + 1] - levelStarts[level];
      const covered = countInRange(expanded, levelStarts[level], levelStarts[level + 1]);
      if (negated ? covered < size : covered > 0) levels.push(name);
    }
  }
  cache.set(key, levels);
  return levels;
}
