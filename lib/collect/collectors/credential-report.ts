import { setTimeout as sleep } from "node:timers/promises";
import { GenerateCredentialReportCommand, GetCredentialReportCommand } from "@aws-sdk/client-iam";
import type { IAMClient } from "@aws-sdk/client-iam";
import { parseCredentialReport } from "../parse/credential-report";
import type { TAccountCollector } from "../types";


async function fetchReport(options: { iam: IAMClient; signal: AbortSignal }) {
  try {
    return await options.iam.send(new GetCredentialReportCommand({}), { abortSignal: options.signal });
  } catch (error) {
    const name = (error as { name?: string }).name;
    if (name === "CredentialReportNotPresentException" || name === "CredentialReportExpiredException" || name === "ReportNotPresent" || name === "ReportExpired") return undefined;
    throw error;
  }
}

/**
 * The credential report, reused while younger than CREDENTIAL_REPORT_MAX_AGE_HOURS (AWS
 * regenerates at most every 4 h anyway), otherwise generated and polled until complete.
 */
export const credentialReportCollector: TAccountCollector = {
  name: "credential-report",
  kinds: ["iam.credential-report", "iam.credential-report-meta"],
  async collect(ctx) {
    const maxAgeMs = ctx.env.CREDENTIAL_REPORT_MAX_AGE_HOURS * 3_600_000;
    let report = await fetchReport({ iam: ctx.iam, signal: ctx.signal });
    const fresh = report?.GeneratedTime && Date.now() - report.GeneratedTime.getTime() < maxAgeMs;
    if (!fresh) {
      let delay = 250;
      for (let attempt = 0; ; attempt++) {
        const state = await ctx.iam.send(new GenerateCredentialReportCommand({}), { abortSignal: ctx.signal });
        if (state.State === "COMPLETE") break;
        if (attempt > 40) throw new Error(`credential report still ${state.State} after ${attempt} polls`);
        await sleep(delay, undefined, { signal: ctx.signal });
        delay = Math.min(delay * 2, 5_000);
      }
      report = await fetchReport({ iam: ctx.iam, signal: ctx.signal });
    }
    if (!report?.Content) throw new Error("GetCredentialReport returned no content after generation");
    const csv = Buffer.from(report.Content).toString("utf8");
    const rows = parseCredentialReport(csv);
    return [
      {
        kind: "iam.credential-report",
        mode: "replace",
        records: rows.map((row) => ({ kind: "iam.credential-report", key: row.arn, name: row.user, arn: row.arn, data: row })),
      },
      {
        kind: "iam.credential-report-meta",
        mode: "replace",
        records: [{ kind: "iam.credential-report-meta", key: "report", data: { generatedAt: report.GeneratedTime?.toISOString() ?? null, rows: rows.length } }],
      },
    ];
  },
};
