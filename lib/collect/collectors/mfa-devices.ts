import { paginateListVirtualMFADevices, paginateListMFADevices } from "@aws-sdk/client-iam";
import type { TAccountCollector } from "../types";

type TDevice = { serialNumber: string; virtual: boolean; userName: string | null; userArn: string | null; enableDate: string | null };

/**
 * Virtual devices of the account (the root's among them) and each user's devices, merged
 * by serial number: a hardware or FIDO device only shows up in ListMFADevices.
 */
export const mfaDevicesCollector: TAccountCollector = {
  name: "mfa-devices",
  kinds: ["iam.mfa-device"],
  needsPrincipals: true,
  async collect(ctx) {
    const devices = new Map<string, TDevice>();
    for await (const page of paginateListVirtualMFADevices({ client: ctx.iam }, { AssignmentStatus: "Any" })) {
      for (const d of page.VirtualMFADevices ?? []) {
        devices.set(d.SerialNumber!, {
          serialNumber: d.SerialNumber!, virtual: true, userName: d.User?.UserName ?? null,
          userArn: d.User?.Arn ?? null, enableDate: d.EnableDate?.toISOString() ?? null,
        });
      }
    }
    const users = ctx.principals.filter((p) => p.type === "user");
    await Promise.all(users.map((user) => ctx.limit(async () => {
      for await (const page of paginateListMFADevices({ client: ctx.iam }, { UserName: user.name })) {
        for (const d of page.MFADevices ?? []) {
          const known = devices.get(d.SerialNumber!);
          devices.set(d.SerialNumber!, {
            serialNumber: d.SerialNumber!, virtual: known?.virtual ?? d.SerialNumber!.includes(":mfa/"),
            userName: user.name, userArn: user.arn, enableDate: d.EnableDate?.toISOString() ?? known?.enableDate ?? null,
          });
        }
      }
    })));
    const records = [...devices.values()].map((d) => ({ kind: "iam.mfa-device", key: d.serialNumber, name: d.serialNumber, arn: null, data: d }));
    return [{ kind: "iam.mfa-device", mode: "replace", records }];
  },
};
