import type { TReviewerConfig } from "./review-schemas";
import type { TScopeAccount } from "./resolve-scope-accounts";

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The owner email a tag set holds under the configured owner tag key, if any (account or resource tags). */
export function ownerFromTags(options: { config: TReviewerConfig; tags: Record<string, string> | undefined }): string | undefined {
  const tagged = options.config.ownerTag ? options.tags?.[options.config.ownerTag]?.trim() : undefined;
  return tagged && EMAIL.test(tagged) ? tagged.toLowerCase() : undefined;
}

/**
 * Who may review access in an account, in order of preference: the explicit mapping, then
 * the account's owner tag when it holds an email, then the fallback reviewer.
 */
export function reviewerCandidates(options: { config: TReviewerConfig; account: TScopeAccount | undefined; accountId: string }): string[] {
  const { config, account } = options;
  const candidates = [config.mapping[options.accountId], ownerFromTags({ config, tags: account?.tags }), config.fallback];
  return [...new Set(candidates.filter((c): c is string => !!c).map((c) => c.toLowerCase()))];
}

/** The preferred reviewer of an account (the fallback at worst, so no item is left unassigned). */
export function reviewerForAccount(options: { config: TReviewerConfig; account: TScopeAccount | undefined; accountId: string }): string {
  return reviewerCandidates(options)[0];
}
