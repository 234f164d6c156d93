import { GetAccountSummaryCommand, GetAccountPasswordPolicyCommand, ListAccountAliasesCommand } from "@aws-sdk/client-iam";
import type { TAccountCollector } from "../types";

/** GetAccountSummary (root MFA, root keys, quotas) and the account aliases. */
export const accountSummaryCollector: TAccountCollector = {
  name: "account-summary",
  kinds: ["iam.account-summary"],
  async collect(ctx) {
    const summary = await ctx.iam.send(new GetAccountSummaryCommand({}), { abortSignal: ctx.signal });
    const aliases = await ctx.iam.send(new ListAccountAliasesCommand({}), { abortSignal: ctx.signal });
    return [{
      kind: "iam.account-summary", mode: "replace",
      records: [{ kind: "iam.account-summary", key: "summary", data: { summary: summary.SummaryMap ?? {}, aliases: aliases.AccountAliases ?? [] } }],
    }];
  },
};

/** The password policy; an account without one is a valid, recorded state (present: false). */
export const passwordPolicyCollector: TAccountCollector = {
  name: "password-policy",
  kinds: ["iam.password-policy"],
  async collect(ctx) {
    let data: Record<string, unknown>;
    try {
      const out = await ctx.iam.send(new GetAccountPasswordPolicyCommand({}), { abortSignal: ctx.signal });
      data = { present: true, ...out.PasswordPolicy };
    } catch (error) {
      if ((error as { name?: string }).name !== "NoSuchEntityException" && (error as { name?: string }).name !== "NoSuchEntity") throw error;
      data = { present: false };
    }
    return [{ kind: "iam.password-policy", mode: "replace", records: [{ kind: "iam.password-policy", key: "password-policy", data }] }];
  },
};
