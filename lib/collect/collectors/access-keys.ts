import { paginateListAccessKeys, GetAccessKeyLastUsedCommand } from "@aws-sdk/client-iam";
import type { TAccountCollector } from "../types";
import type { TSnapshotRecord } from "../../snapshot/types";

/** Access key IDs and metadata (never secrets), with when and where each was last used. */
export const accessKeysCollector: TAccountCollector = {
  name: "access-keys",
  kinds: ["iam.access-key"],
  needsPrincipals: true,
  async collect(ctx) {
    const users = ctx.principals.filter((p) => p.type === "user");
    const perUser = await Promise.all(
      users.map((user) =>
        ctx.limit(async () => {
          const records: TSnapshotRecord[] = [];
          for await (const page of paginateListAccessKeys({ client: ctx.iam }, { UserName: user.name })) {
            for (const key of page.AccessKeyMetadata ?? []) {
              const used = await ctx.iam.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: key.AccessKeyId }), { abortSignal: ctx.signal });
              records.push({
                kind: "iam.access-key", key: key.AccessKeyId!, name: key.AccessKeyId, arn: null,
                data: {
                  userId: user.id, userName: user.name, userArn: user.arn, status: key.Status,
                  createDate: key.CreateDate?.toISOString() ?? null,
                  lastUsedDate: used.AccessKeyLastUsed?.LastUsedDate?.toISOString() ?? null,
                  lastUsedService: used.AccessKeyLastUsed?.ServiceName === "N/A" ? null : used.AccessKeyLastUsed?.ServiceName ?? null,
                  lastUsedRegion: used.AccessKeyLastUsed?.Region === "N/A" ? null : used.AccessKeyLastUsed?.Region ?? null,
                },
              });
            }
          }
          return records;
        }),
      ),
    );
    return [{ kind: "iam.access-key", records: perUser.flat(), mode: "replace" }];
  },
};
