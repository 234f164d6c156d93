// Changes a share of a generated organization's accounts the way a day between two
// collections does: a customer managed policy gets a new default version, an inline policy
// is rewritten, principals are created and others deleted (with their access keys and
// credential report rows). Seeded, so the same model, share and seed always give the same
// changes. Used by the incremental analysis benchmark: write the model (run 1), mutate,
// write it again (run 2: the untouched accounts add no new record versions).
import type { TOrgModel, TPolicyDocRef, TPrincipal } from "./model";

export type TMutation = {
  /** The accounts changed (ids), in the order chosen. */
  accounts: string[];
  policiesEdited: number;
  principalsAdded: number;
  principalsRemoved: number;
};

/**
 * Changes `fraction` (0–1) of the collected accounts of `model` in place (at least one when
 * fraction > 0) and returns what it did.
 */
export function mutateOrgModel(options: { model: TOrgModel; fraction: number; seed?: number }): TMutation {
  const { model, fraction } = options;
  if (!(fraction >= 0 && fraction <= 1)) throw new Error(`mutateOrgModel: fraction must be between 0 and 1, got ${fraction}`);
  const random = createRandom((options.seed ?? 1) * 7_919 + 104_729);
  // Accounts with workload principals of their own (not the management account, which holds
  // only the landing zone): the ones whose teams change things.
  const candidates = model.accounts.filter((a) => a.collected && !a.isManagement).map((a) => a.id);
  const count = fraction === 0 ? 0 : Math.max(1, Math.round(candidates.length * fraction));
  for (let i = candidates.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [candidates[i], candidates[j]] = [candidates[j], candidates[i]];
  }
  const chosen = new Set(candidates.slice(0, count));
  const result: TMutation = { accounts: candidates.slice(0, count), policiesEdited: 0, principalsAdded: 0, principalsRemoved: 0 };
  if (count === 0) return result;

  const byAccount = new Map<string, TPrincipal[]>();
  for (const p of model.principals) if (p.accountId && chosen.has(p.accountId)) (byAccount.get(p.accountId) ?? byAccount.set(p.accountId, []).get(p.accountId)!).push(p);
  const removed = new Set<string>();
  const added: TPrincipal[] = [];
  let serial = 0;
  for (const accountId of result.accounts) {
    const principals = byAccount.get(accountId) ?? [];
    // 1. A customer managed policy of the account gets a new default version: every principal
    //    (and group) attaching it sees the new document, since they share the reference.
    const customer = [...new Map(principals.flatMap((p) => p.identityPolicies).filter((ref) => ref.kind === "customer-managed").map((ref) => [ref.id, ref])).values()];
    if (customer.length > 0) {
      const ref = customer[Math.floor(random() * customer.length)];
      editDocument(ref, { Effect: "Allow", Action: ["s3:GetObject", "s3:ListBucket"], Resource: [`arn:aws:s3:::edited-${accountId}`, `arn:aws:s3:::edited-${accountId}/*`] });
      const listed = model.customerManagedPolicies?.find((p) => p.key === `${accountId}/${ref.id}`);
      if (listed) listed.document = ref.document;
      result.policiesEdited++;
    }
    // 2. An inline policy is rewritten (a new object: inline documents are the role's own).
    const withInline = principals.filter((p) => p.identityPolicies.some((ref) => ref.kind === "inline"));
    if (withInline.length > 0) {
      const owner = withInline[Math.floor(random() * withInline.length)];
      owner.identityPolicies = owner.identityPolicies.map((ref) => (ref.kind === "inline" ? { ...ref, document: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "sqs:SendMessage", Resource: `arn:aws:sqs:*:${accountId}:edited-*` }] } } : ref));
      result.policiesEdited++;
    }
    // 3. Principals removed: application roles and IAM users, never the landing zone's or
    //    Identity Center's roles (those are provisioned, not edited by hand).
    const removable = principals.filter((p) => (p.kind === "iam-role" && p.name.startsWith("app-")) || (p.kind === "iam-user" && !p.name.startsWith("person") && p.name !== "breakglass"));
    const removals = Math.min(removable.length, 1 + Math.floor(random() * 3));
    for (let i = 0; i < removals; i++) {
      const index = Math.floor(random() * removable.length);
      removed.add(removable.splice(index, 1)[0].key);
    }
    // 4. Principals added: new application roles trusting a service, with policies already
    //    used in the account (one with a fresh inline policy).
    const template = principals.find((p) => p.kind === "iam-role" && p.name.startsWith("app-") && !removed.has(p.key)) ?? principals.find((p) => p.kind === "iam-role" && !p.serviceLinked && !p.ssoPermissionSetName);
    if (template) {
      const additions = 1 + Math.floor(random() * 3);
      for (let i = 0; i < additions; i++) {
        serial++;
        const id = `AROAMUT${String(options.seed ?? 1).padStart(3, "0")}${serial.toString(36).toUpperCase().padStart(7, "0")}`;
        const name = `app-added-${serial}`;
        const arn = `arn:aws:iam::${accountId}:role/${name}`;
        const inline: TPolicyDocRef = { id: `inline:${arn}:added`, name: "added", kind: "inline", document: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["dynamodb:GetItem", "dynamodb:Query"], Resource: `arn:aws:dynamodb:eu-central-1:${accountId}:table/added-${serial}` }] } };
        added.push({
          ...template, key: `${accountId}/${id}`, id, name, arn, path: "/", createDate: model.asOf, tags: { ...template.tags, added: "true" },
          identityPolicies: [...template.identityPolicies.filter((ref) => ref.kind !== "inline"), ...(i === 0 ? [inline] : [])],
          lastUsed: null, lastAccessed: null, ssoPermissionSetName: null, serviceLinked: false,
        });
      }
      result.principalsAdded += additions;
    }
  }
  result.principalsRemoved = removed.size;
  model.principals = [...model.principals.filter((p) => !removed.has(p.key)), ...added];
  model.accessKeys = model.accessKeys.filter((k) => !removed.has(k.userKey));
  const goneUserArns = new Set<string>();
  for (const list of byAccount.values()) for (const p of list) if (removed.has(p.key) && p.kind === "iam-user" && p.arn) goneUserArns.add(p.arn);
  model.credentialReport = model.credentialReport.filter((r) => !goneUserArns.has(r.arn));
  // Attachment counts follow the principals (AWS counts them).
  if (model.customerManagedPolicies) recount(model);
  return result;
}

function editDocument(ref: TPolicyDocRef, statement: Record<string, unknown>) {
  const document = ref.document as { Version?: string; Statement?: unknown };
  const statements = Array.isArray(document.Statement) ? document.Statement : document.Statement ? [document.Statement] : [];
  ref.document = { ...document, Statement: [...statements, statement] };
}

function recount(model: TOrgModel) {
  const counts = new Map<string, { attachments: number; boundaries: number }>();
  const bump = (key: string, field: "attachments" | "boundaries") => {
    const entry = counts.get(key) ?? counts.set(key, { attachments: 0, boundaries: 0 }).get(key)!;
    entry[field]++;
  };
  for (const p of model.principals) {
    if (!p.accountId) continue;
    for (const ref of p.identityPolicies) if (ref.kind === "customer-managed") bump(`${p.accountId}/${ref.id}`, "attachments");
    if (p.permissionsBoundary?.kind === "customer-managed") bump(`${p.accountId}/${p.permissionsBoundary.id}`, "boundaries");
  }
  for (const g of model.groups) for (const ref of g.policies) if (ref.kind === "customer-managed") bump(`${g.accountId}/${ref.id}`, "attachments");
  for (const p of model.customerManagedPolicies!) {
    const entry = counts.get(p.key);
    p.attachmentCount = entry?.attachments ?? 0;
    p.permissionsBoundaryUsageCount = entry?.boundaries ?? 0;
  }
}

function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
