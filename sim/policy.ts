// Minimal IAM policy evaluation: trust-policy checks for sts:AssumeRole and
// "which services / actions does this set of identity policies allow" for Access Advisor.
import { SERVICE_NAMESPACES, TRACKED_ACTIONS } from "./catalog/services";

type Json = Record<string, unknown>;
export interface Statement { Effect?: string; Principal?: unknown; NotPrincipal?: unknown; Action?: unknown; NotAction?: unknown; Condition?: unknown }

function asList(v: unknown): string[] {
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? v.map(String) : [String(v)];
}

export function statements(doc: string): Statement[] {
  try {
    const parsed = JSON.parse(doc) as Json;
    const st = parsed.Statement;
    if (!st) return [];
    return (Array.isArray(st) ? st : [st]) as Statement[];
  } catch {
    return [];
  }
}

const regexCache = new Map<string, RegExp>();
/** IAM wildcard match (* and ?), case-insensitive. */
export function wildcardMatch(pattern: string, value: string): boolean {
  if (pattern === "*") return true;
  if (!pattern.includes("*") && !pattern.includes("?")) return pattern.toLowerCase() === value.toLowerCase();
  let re = regexCache.get(pattern);
  if (!re) {
    re = new RegExp("^" + pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".") + "$", "i");
    if (regexCache.size > 10_000) regexCache.clear();
    regexCache.set(pattern, re);
  }
  return re.test(value);
}

// ---------------- trust evaluation ----------------

export interface TrustRequest {
  action: string; // sts:AssumeRole
  /** ARNs that can be named in Principal.AWS: the IAM user ARN, or for a session the role ARN and the session ARN */
  principalArns: string[];
  accountId: string;
  /** request context keys (lower-case), e.g. sts:externalid, aws:principalorgid */
  context: Record<string, string | undefined>;
}

function principalMatches(principal: unknown, req: TrustRequest): boolean {
  if (principal === "*") return true;
  if (!principal || typeof principal !== "object") return false;
  const aws = asList((principal as Json).AWS);
  for (const p of aws) {
    if (p === "*") return true;
    if (p === req.accountId || p === `arn:aws:iam::${req.accountId}:root`) return true;
    if (req.principalArns.includes(p)) return true;
  }
  return false;
}

export function conditionsHold(condition: unknown, ctx: Record<string, string | undefined>): boolean {
  if (!condition || typeof condition !== "object") return true;
  for (const [rawOp, block] of Object.entries(condition as Json)) {
    let op = rawOp.replace(/^(ForAnyValue|ForAllValues):/, "");
    const ifExists = op.endsWith("IfExists");
    if (ifExists) op = op.slice(0, -"IfExists".length);
    if (!block || typeof block !== "object") return false;
    for (const [rawKey, rawValues] of Object.entries(block as Json)) {
      const key = rawKey.toLowerCase();
      const values = asList(rawValues);
      const actual = ctx[key];
      if (op === "Null") {
        const wantAbsent = values.some((v) => v.toLowerCase() === "true");
        if ((actual === undefined) !== wantAbsent) return false;
        continue;
      }
      const negated = op.includes("Not");
      if (actual === undefined) {
        if (ifExists || negated) continue;
        return false;
      }
      let hit: boolean;
      switch (op) {
        case "StringEquals": case "StringNotEquals": case "ArnEquals": case "ArnNotEquals":
          hit = values.includes(actual); break;
        case "StringEqualsIgnoreCase": case "StringNotEqualsIgnoreCase":
          hit = values.some((v) => v.toLowerCase() === actual.toLowerCase()); break;
        case "StringLike": case "StringNotLike": case "ArnLike": case "ArnNotLike":
          hit = values.some((v) => new RegExp("^" + v.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".") + "$").test(actual)); break;
        case "Bool":
          hit = values.some((v) => v.toLowerCase() === actual.toLowerCase()); break;
        default:
          return false; // unsupported operator: the condition cannot be satisfied
      }
      if (negated ? hit : !hit) return false;
    }
  }
  return true;
}

export function actionMatches(st: Statement, action: string): boolean {
  if (st.Action !== undefined) return asList(st.Action).some((p) => wildcardMatch(p, action));
  if (st.NotAction !== undefined) return !asList(st.NotAction).some((p) => wildcardMatch(p, action));
  return false;
}

/** true when the trust policy admits the request (an Allow matches and no Deny matches) */
export function trustAllows(trustPolicy: string, req: TrustRequest): boolean {
  let allowed = false;
  for (const st of statements(trustPolicy)) {
    if (st.Principal === undefined) continue; // NotPrincipal is not supported: never admits
    if (!principalMatches(st.Principal, req) || !actionMatches(st, req.action)) continue;
    if (!conditionsHold(st.Condition, req.context)) continue;
    if (st.Effect === "Deny") return false;
    if (st.Effect === "Allow") allowed = true;
  }
  return allowed;
}

// ---------------- identity-policy grants (Access Advisor) ----------------

export interface Grants {
  /** service namespaces with at least one allowed action */
  services: Set<string>;
  /** allowed tracked actions per service (action names without prefix) */
  trackedActions: Map<string, string[]>;
}

/** Services and tracked actions allowed by the Allow statements of these identity policies. */
export function grantsOf(documents: Iterable<string>): Grants {
  const patterns: string[] = [];
  const notActionSets: string[][] = [];
  for (const doc of documents) {
    for (const st of statements(doc)) {
      if (st.Effect !== "Allow") continue;
      if (st.Action !== undefined) patterns.push(...asList(st.Action));
      else if (st.NotAction !== undefined) notActionSets.push(asList(st.NotAction));
    }
  }
  const allows = (action: string) =>
    patterns.some((p) => wildcardMatch(p, action)) || notActionSets.some((na) => !na.some((p) => wildcardMatch(p, action)));
  const services = new Set<string>();
  for (const p of patterns) {
    const svc = p === "*" ? "*" : p.split(":")[0];
    if (svc.includes("*") || svc.includes("?")) {
      for (const ns of SERVICE_NAMESPACES) if (wildcardMatch(svc, ns)) services.add(ns);
    } else {
      services.add(svc.toLowerCase());
    }
  }
  for (const na of notActionSets) {
    for (const ns of SERVICE_NAMESPACES) if (!na.some((p) => wildcardMatch(p, `${ns}:*`) || p === `${ns}:*`)) services.add(ns);
  }
  const trackedActions = new Map<string, string[]>();
  for (const [svc, actions] of Object.entries(TRACKED_ACTIONS)) {
    if (!services.has(svc)) continue;
    trackedActions.set(svc, actions.filter((a) => allows(`${svc}:${a}`)));
  }
  return { services, trackedActions };
}
