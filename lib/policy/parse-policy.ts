import { ZRawPolicyDocument, type TRawStatement } from "./policy-document-schema";
import { PolicyParseError } from "./policy-parse-error";
import type { ConditionClause, Policy, PolicyKind, PrincipalSet, Statement } from "./policy-types";
import { decodePolicyText } from "./decode-policy-text";

export type ParsePolicyOptions = {
  id: string;
  kind: PolicyKind;
  // A JSON string, URL-encoded JSON (GetAccountAuthorizationDetails) or a parsed object.
  document: unknown;
};

export function parsePolicy(options: ParsePolicyOptions): Policy {
  const raw = typeof options.document === "string"
    ? decodePolicyText({ text: options.document, policyId: options.id })
    : options.document;
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    throw new PolicyParseError({
      code: "invalid-input",
      policyId: options.id,
      message: `policy document must be a JSON object, got ${raw === null ? "null" : Array.isArray(raw) ? "an array" : typeof raw}`,
    });
  }
  const statementValue = (raw as Record<string, unknown>).Statement;
  const many = Array.isArray(statementValue);
  const wrapped = statementValue !== null && typeof statementValue === "object" && !many ? { ...raw, Statement: [statementValue] } : raw;
  const parsed = ZRawPolicyDocument.safeParse(wrapped);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = formatPath(issue.path);
    throw new PolicyParseError({
      code: "invalid-document",
      policyId: options.id,
      path: many ? path : path.replace(/^Statement\[0\]/, "Statement"),
      message: issue.message,
    });
  }
  const statements = parsed.data.Statement.map((rawStatement, index) =>
    normaliseStatement({ raw: rawStatement, index, kind: options.kind, policyId: options.id, many }),
  );
  return {
    id: options.id,
    kind: options.kind,
    document: { version: parsed.data.Version, id: parsed.data.Id, statements },
  };
}

function normaliseStatement(options: { raw: TRawStatement; index: number; kind: PolicyKind; policyId: string; many: boolean }): Statement {
  const { raw, kind } = options;
  const path = options.many ? `Statement[${options.index}]` : "Statement";
  const fail = (message: string): never => {
    throw new PolicyParseError({ code: "invalid-statement", policyId: options.policyId, path, message });
  };
  if ((raw.Action === undefined) === (raw.NotAction === undefined)) fail("needs exactly one of Action or NotAction");
  if (raw.Resource !== undefined && raw.NotResource !== undefined) fail("cannot have both Resource and NotResource");
  if (raw.Principal !== undefined && raw.NotPrincipal !== undefined) fail("cannot have both Principal and NotPrincipal");
  const hasPrincipal = raw.Principal !== undefined || raw.NotPrincipal !== undefined;
  if ((kind === "identity" || kind === "scp") && hasPrincipal) fail(`${kind} policies cannot name a Principal`);
  if ((kind === "trust" || kind === "resource") && !hasPrincipal) fail(`${kind} policies need Principal or NotPrincipal`);
  if (kind === "identity" && raw.Resource === undefined && raw.NotResource === undefined) {
    fail("identity policies need Resource or NotResource");
  }
  const actions = toList(raw.Action);
  const notActions = toList(raw.NotAction);
  for (const action of [...(actions ?? []), ...(notActions ?? [])]) {
    if (action !== "*" && !/^[^:\s]+:[^:\s]+$/.test(action)) {
      fail(`action "${action}" is not "*" or "service:Action"`);
    }
  }
  // SCPs and RCPs written in the short form omit Resource; AWS applies them to everything.
  const defaultsToAll = (kind === "scp" || kind === "rcp") && raw.Resource === undefined && raw.NotResource === undefined;
  return {
    index: options.index,
    sid: raw.Sid,
    effect: raw.Effect,
    actions,
    notActions,
    resources: defaultsToAll ? ["*"] : toList(raw.Resource),
    notResources: toList(raw.NotResource),
    principal: raw.Principal === undefined ? undefined : toPrincipalSet(raw.Principal),
    notPrincipal: raw.NotPrincipal === undefined ? undefined : toPrincipalSet(raw.NotPrincipal),
    conditions: toClauses(raw.Condition),
  };
}

function toList(value: string | string[] | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  return typeof value === "string" ? [value] : value;
}

function toPrincipalSet(value: NonNullable<TRawStatement["Principal"]>): PrincipalSet {
  if (value === "*") return { everyone: true, aws: [], service: [], federated: [], canonicalUser: [] };
  return {
    everyone: false,
    aws: toList(value.AWS) ?? [],
    service: toList(value.Service) ?? [],
    federated: toList(value.Federated) ?? [],
    canonicalUser: toList(value.CanonicalUser) ?? [],
  };
}

function toClauses(condition: TRawStatement["Condition"]): ConditionClause[] {
  if (!condition) return [];
  const clauses: ConditionClause[] = [];
  for (const [operator, block] of Object.entries(condition)) {
    for (const [key, value] of Object.entries(block)) {
      const values = (Array.isArray(value) ? value : [value]).map(String);
      clauses.push({ operator, key, values });
    }
  }
  return clauses;
}

function formatPath(path: PropertyKey[]): string {
  let out = "";
  for (const part of path) out += typeof part === "number" ? `[${part}]` : out ? `.${String(part)}` : String(part);
  return out || "(document)";
}
