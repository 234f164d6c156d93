import { parsePolicy, type Policy, type PolicyKind } from "../../policy";
import type { TPolicyDocRef } from "../model";

export type TPolicyFailure = { policyId: string; kind: PolicyKind; message: string };

// Turns the model's policy references into engine Policy objects. The engine compiles once
// per Policy object (a compiled policy holds several ~2.7 KB bitsets) and keys its
// effective-access cache on them, so handing the same object to every principal a policy
// is attached to is what makes an organisation-wide run cheap.
//
// "content" (the default) shares one Policy between documents that only differ in id: the
// customer-managed policy a landing zone stamps into 500 accounts under 500 ARNs, or a
// permission set's inline policy copied into every AWSReservedSSO role. Per id, those would
// be compiled 500 times and no two accounts would share a cached result; at 100,000
// principals that is gigabytes. The price: evidence from such a Policy (explainAction)
// names the first of the identical documents. "id-and-content" keeps every id apart, for
// explaining one principal with exact policy ids.
export type TPolicyIdentity = "content" | "id-and-content";

export type TPolicyResolver = {
  resolve: (options: { ref: TPolicyDocRef; kind: PolicyKind }) => Policy | null;
  // Documents that could not be parsed; they are left out of evaluation and reported here
  // so the findings layer can flag them instead of silently under- or over-stating access.
  failures: TPolicyFailure[];
  stats: { parsed: number; reused: number };
};

export function createPolicyResolver(options: { identity?: TPolicyIdentity } = {}): TPolicyResolver {
  const byId = options.identity === "id-and-content";
  // Snapshot loaders usually hand out one document object per policy version: an identity
  // hit spares serialising the document to compare content.
  const byObject = new WeakMap<object, Map<string, Policy | null>>();
  const byContent = new Map<string, Policy | null>();
  const failures: TPolicyFailure[] = [];
  const failureMessages = new Map<string, string>();
  const stats = { parsed: 0, reused: 0 };

  const resolve = ({ ref, kind }: { ref: TPolicyDocRef; kind: PolicyKind }): Policy | null => {
    const idKey = byId ? `${kind}\u0000${ref.id}` : kind;
    const document = ref.document;
    const isObject = document !== null && typeof document === "object";
    const forObject = isObject ? byObject.get(document) : undefined;
    const known = forObject?.get(idKey);
    if (known) {
      stats.reused++;
      return known;
    }
    const contentKey = `${idKey}\u0000${typeof document === "string" ? document : JSON.stringify(document)}`;
    let policy = byContent.get(contentKey);
    if (policy === undefined) {
      policy = parseOrRecord({ ref, kind, failureMessages, contentKey });
      byContent.set(contentKey, policy);
      stats.parsed++;
    } else {
      stats.reused++;
    }
    // Every id carrying an unreadable document is reported, not only the first.
    const message = policy === null ? failureMessages.get(contentKey) : undefined;
    if (message !== undefined && !failures.some((entry) => entry.policyId === ref.id && entry.kind === kind)) failures.push({ policyId: ref.id, kind, message });
    if (isObject) {
      if (forObject) forObject.set(idKey, policy);
      else byObject.set(document, new Map([[idKey, policy]]));
    }
    return policy;
  };
  return { resolve, failures, stats };
}

function parseOrRecord(options: { ref: TPolicyDocRef; kind: PolicyKind; failureMessages: Map<string, string>; contentKey: string }): Policy | null {
  try {
    return parsePolicy({ id: options.ref.id, kind: options.kind, document: options.ref.document });
  } catch (error) {
    options.failureMessages.set(options.contentKey, error instanceof Error ? error.message : String(error));
    return null;
  }
}
