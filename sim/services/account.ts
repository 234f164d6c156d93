// AWS Account Management (restJson1): ListRegions with each region's opt-in status.
import { paginate, SimError } from "../protocol/common";
import { jsonReply, type RestRoute } from "../protocol/rest";
import type { RestCtx } from "./types";

export const ACCOUNT_ROUTES: RestRoute<RestCtx>[] = [
  {
    method: "POST", pattern: /^\/listRegions\/?$/, action: "ListRegions",
    handle: (ctx) => {
      let input: { MaxResults?: number; NextToken?: string; RegionOptStatusContains?: string[]; AccountId?: string };
      try { input = ctx.req.body ? JSON.parse(ctx.req.body) : {}; } catch { throw new SimError("ValidationException", "Malformed JSON", 400); }
      // Another account's regions only through the management account's trusted access, which is not modelled.
      if (input.AccountId && input.AccountId !== ctx.caller.accountId) throw new SimError("AccessDeniedException", "The operation failed because the calling identity doesn't have the minimum required permissions.", 403);
      const max = input.MaxResults ?? 20;
      if (!Number.isInteger(max) || max < 1 || max > 50) throw new SimError("ValidationException", "MaxResults must be between 1 and 50.", 400);
      const wanted = input.RegionOptStatusContains;
      const regions = ctx.state.resources(ctx.caller.accountId).regions.filter((r) => !wanted?.length || wanted.includes(r.status));
      const { page, next } = paginate(regions, input.NextToken, max, `ListRegions:${ctx.caller.accountId}:${(wanted ?? []).join(",")}`, () => new SimError("ValidationException", "The NextToken is not valid.", 400));
      return jsonReply({ Regions: page.map((r) => ({ RegionName: r.name, RegionOptStatus: r.status })), NextToken: next });
    },
  },
];
