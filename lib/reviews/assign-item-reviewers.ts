import { ConsoleError } from "../console/console-error";
import { reviewerCandidates } from "./assign-reviewer";
import type { TReviewerConfig } from "./review-schemas";
import type { TScopeAccount } from "./resolve-scope-accounts";

/** `owner`: a reviewer the item itself names (a shared resource's owner tag), preferred over the account's. */
export type TItemToAssign = { principalName: string; accountId: string; identities: string[]; owner?: string };
export type TAssignment = { reviewerEmail: string; reassignedFrom: string | null };

/**
 * Segregation of duties at assignment time: each item goes to the first candidate reviewer of
 * its account who is not the person behind the access (their emails and names are the item's
 * identities). The campaign refuses to start, naming the items, when no candidate is eligible:
 * an item nobody may decide would block sign-off forever.
 */
export function assignItemReviewers(options: { items: TItemToAssign[]; config: TReviewerConfig; accounts: Map<string, TScopeAccount> }): TAssignment[] {
  const stuck: TItemToAssign[] = [];
  const assignments = options.items.map((item) => {
    const candidates = [...new Set([...(item.owner ? [item.owner] : []), ...reviewerCandidates({ config: options.config, account: options.accounts.get(item.accountId), accountId: item.accountId })])];
    const eligible = candidates.find((email) => !item.identities.includes(email));
    if (!eligible) stuck.push(item);
    return { reviewerEmail: eligible ?? candidates[0], reassignedFrom: eligible && eligible !== candidates[0] ? candidates[0] : null };
  });
  if (stuck.length > 0) {
    const named = stuck.slice(0, 20).map((i) => `${i.principalName} (${i.accountId})`).join(", ");
    throw new ConsoleError("invalid",
      `segregation of duties: no eligible reviewer for ${stuck.length} item(s) that are their reviewer's own access: ${named}${stuck.length > 20 ? ", …" : ""}. ` +
      "Map those accounts to another reviewer or choose a fallback reviewer who is not that person: no campaign created");
  }
  return assignments;
}
