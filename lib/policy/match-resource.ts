import { matchWildcard } from "./compile-wildcard";

// ARN matching as IAM does it: the first five components (arn, partition, service, region,
// account) are matched one by one, so a "*" there never spans a colon; the resource part
// matches the rest, colons and slashes included. Case-sensitive, like IAM.
export function matchResource(options: { pattern: string; resource: string }): boolean {
  const { pattern, resource } = options;
  if (pattern === "*") return true;
  const patternParts = splitArn(pattern);
  // An "arn:" pattern with fewer than six components is malformed; IAM matches nothing with it.
  if (!patternParts) return pattern.startsWith("arn:") ? pattern === resource : matchWildcard({ pattern, value: resource, ignoreCase: false });
  const resourceParts = splitArn(resource);
  if (!resourceParts) return false;
  for (let i = 0; i < 6; i++) {
    if (!matchWildcard({ pattern: patternParts[i], value: resourceParts[i], ignoreCase: false })) return false;
  }
  return true;
}

export function matchAnyResource(options: { patterns: string[]; resource: string }): boolean {
  return options.patterns.some((pattern) => matchResource({ pattern, resource: options.resource }));
}

export function splitArn(value: string): string[] | undefined {
  if (!value.startsWith("arn:")) return undefined;
  const parts: string[] = [];
  let start = 0;
  for (let i = 0; i < 5; i++) {
    const colon = value.indexOf(":", start);
    if (colon < 0) return undefined;
    parts.push(value.slice(start, colon));
    start = colon + 1;
  }
  parts.push(value.slice(start));
  return parts;
}
