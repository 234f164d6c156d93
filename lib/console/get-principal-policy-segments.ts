import { hasWildcard } from "../policy/compile-wildcard";
import { matchActionPattern } from "../policy/match-action";

/** A piece of a pretty-printed policy; `highlight` marks the lines of a statement that matters. */
export type TPolicySegment = { text: string; highlight: boolean };

type TStatement = { Effect?: unknown; Action?: unknown; NotAction?: unknown };

const asList = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : typeof value === "string" ? [value] : []);

/**
 * Whether an Allow statement grants any of `actions` (full "service:Action" names) or any
 * action of `service`. NotAction grants everything it does not name. Entries are read with
 * the access engine's own matcher (lib/policy/match-action.ts), so the page highlights
 * exactly the statements the engine counts: a wildcard in the service prefix ("s3*:Get*",
 * "*:*") names no action, in Action and NotAction alike.
 */
export function statementGrants(options: { statement: TStatement; actions: string[]; service?: string }): boolean {
  const { statement } = options;
  if (statement.Effect !== "Allow") return false;
  const patterns = asList(statement.Action);
  const excluded = asList(statement.NotAction);
  const notAction = statement.NotAction !== undefined;
  const grants = (action: string) =>
    notAction ? !excluded.some((pattern) => matchActionPattern({ pattern, action })) : patterns.some((pattern) => matchActionPattern({ pattern, action }));
  if (options.actions.some(grants)) return true;
  if (!options.service) return false;
  const service = options.service.toLowerCase();
  const prefixOf = (pattern: string) => (pattern.includes(":") ? pattern.slice(0, pattern.indexOf(":")) : null);
  // NotAction leaves some action of the service allowed unless it excludes all of them.
  if (notAction) return !excluded.some((p) => p === "*" || (prefixOf(p)?.toLowerCase() === service && p.slice(p.indexOf(":") + 1) === "*"));
  return patterns.some((pattern) => {
    if (pattern === "*") return true;
    const prefix = prefixOf(pattern);
    return prefix !== null && !hasWildcard(prefix) && prefix.toLowerCase() === service && pattern.length > prefix.length + 1;
  });
}

const indent = (text: string, spaces: number) => text.split("\n").map((line) => " ".repeat(spaces) + line).join("\n");

/**
 * The policy as pretty JSON split into segments, each statement its own segment, so the page
 * can wrap the statements granting the chosen actions or service in a highlight.
 */
export function policySegments(options: { document: unknown; actions: string[]; service?: string }): TPolicySegment[] {
  const doc = options.document;
  if (!doc || typeof doc !== "object" || !("Statement" in doc)) return [{ text: JSON.stringify(doc, null, 2), highlight: false }];
  const { Statement: raw, ...rest } = doc as Record<string, unknown>;
  const statements = Array.isArray(raw) ? raw : [raw];
  const head = Object.keys(rest).length > 0 ? `${JSON.stringify(rest, null, 2).slice(0, -2)},\n` : "{\n";
  const opening = `${head}  "Statement": [\n`;
  const segments: TPolicySegment[] = [{ text: opening, highlight: false }];
  statements.forEach((statement, index) => {
    const text = indent(JSON.stringify(statement, null, 2), 4) + (index < statements.length - 1 ? "," : "");
    segments.push({ text, highlight: statementGrants({ statement: statement as TStatement, actions: options.actions, service: options.service }) });
    segments.push({ text: "\n", highlight: false });
  });
  segments.push({ text: "  ]\n}", highlight: false });
  return segments;
}
