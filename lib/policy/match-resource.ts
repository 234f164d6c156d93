import { LITERAL_QUESTION, LITERAL_STAR, matchWildcard } from "./compile-wildcard";

// ARN matching as IAM documents it ("IAM JSON policy elements: Resource", Using wildcards
// in resource ARNs, https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html):
// "*" and "?" match within one colon-separated segment, except that a "*" which is the last
// character of a segment "can expand to match beyond the colon boundaries": "arn:*" and
// "arn:aws:s3:*" match every ARN (of S3), "arn:aws:ec2:*:instance/*" every EC2 instance.
// In the resource part (after the fifth colon) colons are ordinary characters. Matching is
// case-sensitive, like IAM.
const arnPatternCache = new Map<string, RegExp>();
const MAX_CACHED_PATTERNS = 50_000;

export function matchResource(options: { pattern: string; resource: string }): boolean {
  const { pattern, resource } = options;
  if (pattern === "*") return true;
  if (!pattern.startsWith("arn:")) return matchWildcard({ pattern, value: resource, ignoreCase: false });
  if (!pattern.includes("*") && !pattern.includes("?")) return restoreLiterals(pattern) === resource;
  return compileArnPattern(pattern).test(resource);
}

export function matchAnyResource(options: { patterns: string[]; resource: string }): boolean {
  return options.patterns.some((pattern) => matchResource({ pattern, resource: options.resource }));
}

export function compileArnPattern(pattern: string): RegExp {
  const cached = arnPatternCache.get(pattern);
  if (cached) return cached;
  let source = "";
  let colons = 0;
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i];
    const inResourcePart = colons >= 5;
    if (char === ":") {
      colons++;
      source += ":";
    } else if (char === "*") {
      const endsSegment = i === pattern.length - 1 || pattern[i + 1] === ":";
      source += inResourcePart || endsSegment ? "[\\s\\S]*" : "[^:]*";
    } else if (char === "?") source += inResourcePart ? "[\\s\\S]" : "[^:]";
    else source += escapeLiteral(char);
  }
  const regex = new RegExp(`^${source}$`);
  if (arnPatternCache.size >= MAX_CACHED_PATTERNS) arnPatternCache.clear();
  arnPatternCache.set(pattern, regex);
  return regex;
}

function escapeLiteral(char: string): string {
  if (char === LITERAL_STAR) return "\\*";
  if (char === LITERAL_QUESTION) return "\\?";
  return char.replace(/[.+^${}()|[\]\\/-]/g, "\\$&");
}

function restoreLiterals(text: string): string {
  return text.includes(LITERAL_STAR) || text.includes(LITERAL_QUESTION)
    ? text.replaceAll(LITERAL_STAR, "*").replaceAll(LITERAL_QUESTION, "?")
    : text;
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
