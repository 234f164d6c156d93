import type { ActionCatalogue } from "./action-catalogue";
import { hasWildcard, matchWildcard } from "./compile-wildcard";
import { matchResource } from "./match-resource";
import type { Statement } from "./policy-types";

// The Service Authorization Reference: "If the Resource types column is empty, the action
// does not support resource-level permissions and you must specify all resources ("*")",
// https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html
// Such a request is decided against the resource "*": a Resource entry must match the
// string "*" itself (an ARN such as "arn:aws:s3:::*" does not, whatever older examples
// show), and a NotResource statement applies unless an entry matches "*". evaluateRequest
// decides single requests the same way.
export function namesWildcardResource(statement: Statement): boolean {
  if (statement.resources) return statement.resources.some((pattern) => matchResource({ pattern, resource: "*" }));
  if (statement.notResources) return !statement.notResources.some((pattern) => matchResource({ pattern, resource: "*" }));
  return true;
}

// "all" or the indices of services whose every resource the statement names. NotResource
// always leaves the statement resource-scoped: the excluded ARNs may belong to any service.
export function resourceCover(options: { catalogue: ActionCatalogue; statement: Statement }): "all" | number[] {
  const { statement, catalogue } = options;
  if (statement.notResources) return [];
  if (!statement.resources) return "all";
  const services = new Set<number>();
  for (const resource of statement.resources) {
    if (resource === "*") return "all";
    const cover = serviceCoverOf(resource);
    if (cover === undefined) continue;
    if (cover === "all") return "all";
    if (!hasWildcard(cover)) {
      const index = catalogue.serviceIndexByKey.get(cover.toLowerCase());
      if (index !== undefined) services.add(index);
      continue;
    }
    for (const [index, service] of catalogue.services.entries()) {
      if (matchWildcard({ pattern: cover, value: service.key, ignoreCase: true })) services.add(index);
    }
  }
  return [...services];
}

// Whether an ARN pattern names every resource of a service: "arn:aws:s3:::*",
// "arn:aws:ec2:*:*:*", and, because a "*" that ends a segment spans the colons after it,
// "arn:aws:s3:*" and "arn:*". Returns "all", the service segment (possibly a wildcard), or
// undefined. An empty region or account counts as every one: services whose ARNs carry
// none (S3, IAM) name all their resources that way.
function serviceCoverOf(pattern: string): "all" | string | undefined {
  const segments = pattern.split(":");
  if (segments[0] !== "arn" || segments.length < 2) return undefined;
  const spansRest = (index: number) => segments.length === index + 1 && segments[index].endsWith("*");
  if (spansRest(1) && segments[1] === "*") return "all";
  if (segments.length < 3) return undefined;
  const service = segments[2];
  if (spansRest(2)) return service === "*" ? "all" : service;
  for (const index of [3, 4]) {
    const segment = segments[index];
    if (segment === undefined || (segment !== "*" && segment !== "")) return undefined;
    if (spansRest(index) && segment === "*") return service === "*" ? "all" : service;
  }
  if (segments.slice(5).join(":") !== "*") return undefined;
  return service === "*" ? "all" : service;
}
