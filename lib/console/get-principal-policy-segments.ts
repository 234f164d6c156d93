import { matchWildcard } from "../policy/compile-wildcard";

/** A piece of a pretty-printed policy; `highlight` marks the lines of a statement that matters. */
export type TPolicySegment = { text: string; highlight: boolean };

type TStatement = { Effect?: unknown; Action?: unknown; NotAction?: unknown };

const asList = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : typeof value === "string" ? [value] : []);

/**
 * Whether an Allow statement grants any of `actions` (full "service:Action" names) or any
 * action of `service`. NotAction grants everything it does not name.
 */
export function statementGrants(options: { statement: TStatement; actions: string[]; service?: string }): boolean {
  const { statement } = options;
  if (statement.Effect !== "Allow") return false;
  const patterns = asList(statement.Action);
  const excluded = asList(statement.NotAction);
  const grants = (action: string) =>
    statement.NotAction !== undefined
      ? !excluded.some((pattern) => matchWildcard({ pattern, value: action, ignoreCase: true }))
      : patterns.some((pattern) => matchWildcard({ pattern, value: action, ignoreCase: true }));
  if (options.actions.some(grants)) return true;
  if (!options.service) return false;
  const service = options.service;
  if (statement.NotAction !== undefined) return !excluded.some((p) => p === "*" || p.toLowerCase() === `${service.toLowerCase()}:*`);
  return patterns.some((pattern) => pattern === "*" || matchWildcard({ pattern: pattern.split(":")[0], value: service, ignoreCase: true }));
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
