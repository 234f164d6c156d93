import type { TReviewerConfig } from "./review-schemas";
import type { TScopeAccount } from "./resolve-scope-accounts";

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Who reviews access in an account: the explicit mapping first, then the account's owner
 * tag when it holds an email, then the fallback reviewer (so no item is left unassigned).
 */
export function reviewerForAccount(options: { config: TReviewerConfig; account: TScopeAccount | undefined; accountId: string }): string {
  const { config, account } = options;
  const mapped = config.mapping[options.accountId];
  if (mapped) return mapped.toLowerCase();
  const tagged = config.ownerTag ? account?.tags[config.ownerTag]?.trim() : undefined;
  if (tagged && EMAIL.test(tagged)) return tagged.toLowerCase();
  return config.fallback.toLowerCase();
}
