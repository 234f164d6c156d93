import { AccountClient, paginateListRegions } from "@aws-sdk/client-account";
import { DescribeRegionsCommand, EC2Client } from "@aws-sdk/client-ec2";
import { describeAwsError } from "../../aws/aws-error";
import type { TAccountContext } from "../types";

/** One region as the account sees it, and whether this run collects it. */
export type TAccountRegion = { region: string; optStatus: string; collect: boolean; reason: string | null };

const ENABLED = new Set(["ENABLED", "ENABLED_BY_DEFAULT"]);
const EC2_STATUS: Record<string, string> = { "opt-in-not-required": "ENABLED_BY_DEFAULT", "opted-in": "ENABLED", "not-opted-in": "DISABLED" };

async function listWithAccountApi(ctx: TAccountContext): Promise<Array<{ region: string; optStatus: string }>> {
  const client = ctx.makeClient({ region: ctx.env.AWS_REGION, create: (config) => new AccountClient(config) });
  const out: Array<{ region: string; optStatus: string }> = [];
  for await (const page of paginateListRegions({ client, pageSize: 50 }, {})) {
    for (const r of page.Regions ?? []) if (r.RegionName) out.push({ region: r.RegionName, optStatus: r.RegionOptStatus ?? "ENABLED_BY_DEFAULT" });
  }
  return out;
}

async function listWithEc2(ctx: TAccountContext): Promise<Array<{ region: string; optStatus: string }>> {
  const client = ctx.makeClient({ region: ctx.env.AWS_REGION, create: (config) => new EC2Client(config) });
  const out = await client.send(new DescribeRegionsCommand({ AllRegions: true }), { abortSignal: ctx.signal });
  return (out.Regions ?? []).flatMap((r) => (r.RegionName ? [{ region: r.RegionName, optStatus: EC2_STATUS[r.OptInStatus ?? ""] ?? "ENABLED_BY_DEFAULT" }] : []));
}

/**
 * The account's regions with their opt-in status (account:ListRegions; ec2:DescribeRegions
 * when that is denied or unsupported), narrowed by COLLECT_REGIONS. A region that is not
 * enabled, or not configured, is listed with the reason it is not collected.
 */
export async function discoverRegions(ctx: TAccountContext): Promise<{ regions: TAccountRegion[]; source: string }> {
  let listed: Array<{ region: string; optStatus: string }>;
  let source = "account:ListRegions";
  try {
    listed = await listWithAccountApi(ctx);
  } catch (error) {
    const info = describeAwsError(error);
    if (ctx.signal.aborted || (info.kind !== "access-denied" && info.kind !== "not-available")) throw error;
    listed = await listWithEc2(ctx);
    source = "ec2:DescribeRegions";
  }
  const wanted = ctx.env.COLLECT_REGIONS;
  const regions: TAccountRegion[] = listed.map(({ region, optStatus }) => {
    if (!ENABLED.has(optStatus)) return { region, optStatus, collect: false, reason: `not enabled in the account (opt-in status ${optStatus})` };
    if (wanted.length && !wanted.includes(region)) return { region, optStatus, collect: false, reason: "not in COLLECT_REGIONS" };
    return { region, optStatus, collect: true, reason: null };
  });
  for (const region of wanted.filter((w) => !listed.some((l) => l.region === w))) {
    regions.push({ region, optStatus: "UNKNOWN", collect: false, reason: `listed in COLLECT_REGIONS but not offered to the account by ${source}` });
  }
  return { regions: regions.sort((a, b) => a.region.localeCompare(b.region)), source };
}
