import { parsePolicy, type Policy, type PolicyKind } from "../../policy";
import type { TPolicyDocRef } from "../model";

export type TPolicyFailure = { policyId: string; kind: PolicyKind; message: string };

// Turns the model's policy references into engine Policy objects, one per distinct
// (id, kind, content). The engine compiles once per Policy object and keys its
// effective-access cache on them, so handing the same object to every principal a policy
// is attached to is what makes an organisation-wide run cheap.
export type TPolicyResolver = {
  resolve: (options: { ref: TPolicyDocRef; kind: PolicyKind }) => Policy | null;
  // Documents that could not be parsed; they are left out of evaluation and reported here
  // so the findings layer can flag them instead of silently under- or over-stating access.
  failures: TPolicyFailure[];
  stats: { parsed: number; reused: number };
};

export function createPolicyResolver(): TPolicyResolver {
  // Snapshot loaders usually hand out one document object per policy version: an identity
  // hit spares serialising the document to compare content.
  const byObject = new WeakMap<object, Map<string, Policy | null>>();
  const byContent = new Map<string, Policy | null>();
  const failures: TPolicyFailure[] = [];
  const stats = { parsed: 0, reused: 0 };

  const resolve = ({ ref, kind }: { ref: TPolicyDocRef; kind: PolicyKind }): Policy | null => {
    const idKey = `${kind}\u0000${ref.id}`;
    const document = ref.document;
    const isObject = document !== null && typeof document === "object";
    const forObject = isObject ? byObject.get(document) : undefined;
    const known = forObject?.get(idKey);
    if (known !== undefined) {
      stats.reused++;
      return known;
    }
    const contentKey = `${idKey}\u0000${typeof document === "string" ? document : JSON.stringify(document)}`;
    let policy = byContent.get(contentKey);
    if (policy === undefined) {
      policy = parseOrRecord({ ref, kind, failures });
      byContent.set(contentKey, policy);
      stats.parsed++;
    } else {
      stats.reused++;
    }
    if (isObject) {
      if (forObject) forObject.set(idKey, policy);
      else byObject.set(document, new Map([[idKey, policy]]));
    }
    return policy;
  };
  return { resolve, failures, stats };
}

function parseOrRecord(options: { ref: TPolicyDocRef; kind: PolicyKind; failures: TPolicyFailure[] }): Policy | null {
  const { ref, kind } = options;
  try {
    return parsePolicy({ id: ref.id, kind, document: ref.document });
  } catch (error) {
    options.failures.push({ policyId: ref.id, kind, message: error instanceof Error ? error.message : String(error) });
    return null;
  }
}
