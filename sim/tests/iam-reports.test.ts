import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  GenerateCredentialReportCommand, GetCredentialReportCommand, CredentialReportNotPresentException, CredentialReportNotReadyException,
  GenerateServiceLastAccessedDetailsCommand, GetServiceLastAccessedDetailsCommand, type IAMClient, type ServiceLastAccessed,
} from "@aws-sdk/client-iam";
import type { SimulatorHandle } from "../server";
import { CREDENTIAL_REPORT_HEADER } from "../services/iam-reports";
import { assume, clients, errorOf, PROD, startFixture } from "./helpers";

let sim: SimulatorHandle;
let iam: IAMClient;
beforeAll(async () => {
  sim = await startFixture({ accessAdvisorPendingPolls: 1, credentialReportDelayMs: 150 });
  iam = clients(sim, await assume(sim, PROD, "GovernanceAuditRole")).iam;
});
afterAll(async () => { await sim.stop(); });

describe("credential report", () => {
  it("is absent before generation, then STARTED → COMPLETE, with the real CSV layout", async () => {
    expect(await errorOf(iam.send(new GetCredentialReportCommand({})))).toBeInstanceOf(CredentialReportNotPresentException);
    expect((await iam.send(new GenerateCredentialReportCommand({}))).State).toBe("STARTED");
    expect(await errorOf(iam.send(new GetCredentialReportCommand({})))).toBeInstanceOf(CredentialReportNotReadyException);
    expect((await iam.send(new GenerateCredentialReportCommand({}))).State).toBe("COMPLETE");
    const r = await iam.send(new GetCredentialReportCommand({}));
    expect(r.ReportFormat).toBe("text/csv");
    expect(r.GeneratedTime).toBeInstanceOf(Date);
    const lines = Buffer.from(r.Content!).toString("utf8").split("\n");
    expect(lines[0]).toBe(CREDENTIAL_REPORT_HEADER);
    const header = lines[0].split(",");
    const rows = lines.slice(1).map((l) => Object.fromEntries(l.split(",").map((v, i) => [header[i], v])));
    expect(rows.map((x) => x.user)).toEqual(["<root_account>", "alice", "bob", "carol"]);
    expect(rows[0]).toMatchObject({
      arn: `arn:aws:iam::${PROD}:root`, password_enabled: "not_supported", password_last_changed: "not_supported",
      password_next_rotation: "not_supported", mfa_active: "false", access_key_1_active: "true",
      access_key_1_last_used_service: "ec2", access_key_2_active: "false", access_key_2_last_rotated: "N/A", cert_1_active: "false",
    });
    expect(rows[1]).toMatchObject({
      user_creation_time: "2022-10-24T00:00:00+00:00", password_enabled: "true", password_last_used: "2024-12-30T00:00:00+00:00",
      password_last_changed: "2022-10-24T00:00:00+00:00", password_next_rotation: "2023-01-22T00:00:00+00:00", mfa_active: "false",
      access_key_1_active: "true", access_key_1_last_rotated: "2023-11-08T00:00:00+00:00", access_key_1_last_used_date: "2024-12-31T00:00:00+00:00",
      access_key_1_last_used_region: "eu-west-1", access_key_1_last_used_service: "s3",
      access_key_2_active: "true", access_key_2_last_used_date: "N/A", access_key_2_last_used_region: "N/A", access_key_2_last_used_service: "N/A",
    });
    expect(rows[2]).toMatchObject({ password_enabled: "true", password_last_used: "no_information", mfa_active: "true", access_key_1_active: "false" });
    expect(rows[3]).toMatchObject({ arn: `arn:aws:iam::${PROD}:user/contractors/carol`, password_enabled: "false", password_last_used: "N/A", password_last_changed: "N/A", access_key_1_active: "false", access_key_1_last_rotated: "N/A" });
    // a report younger than 4 hours is reused
    expect((await iam.send(new GenerateCredentialReportCommand({}))).State).toBe("COMPLETE");
  });
});

async function runJob(arn: string, granularity: "SERVICE_LEVEL" | "ACTION_LEVEL") {
  const { JobId } = await iam.send(new GenerateServiceLastAccessedDetailsCommand({ Arn: arn, Granularity: granularity }));
  expect(JobId).toMatch(/^[0-9a-f-]{36}$/);
  const first = await iam.send(new GetServiceLastAccessedDetailsCommand({ JobId }));
  expect(first.JobStatus).toBe("IN_PROGRESS");
  const services: ServiceLastAccessed[] = [];
  let marker: string | undefined;
  let pages = 0;
  do {
    const r = await iam.send(new GetServiceLastAccessedDetailsCommand({ JobId, MaxItems: 5, Marker: marker }));
    expect(r.JobStatus).toBe("COMPLETED");
    expect(r.JobCompletionDate).toBeInstanceOf(Date);
    expect(r.JobCreationDate).toBeInstanceOf(Date);
    services.push(...r.ServicesLastAccessed!);
    marker = r.IsTruncated ? r.Marker : undefined;
    pages++;
  } while (marker);
  return { services, pages };
}

describe("Access Advisor", () => {
  it("reports granted services with last access, most of them unused", async () => {
    const { services } = await runJob(`arn:aws:iam::${PROD}:user/alice`, "SERVICE_LEVEL");
    const s3 = services.find((s) => s.ServiceNamespace === "s3")!;
    expect(s3).toMatchObject({ ServiceName: "Amazon S3", LastAuthenticatedEntity: `arn:aws:iam::${PROD}:user/alice`, LastAuthenticatedRegion: "eu-west-1", TotalAuthenticatedEntities: 1 });
    expect(s3.LastAuthenticated!.toISOString()).toBe("2024-12-31T00:00:00.000Z");
    expect(s3.TrackedActionsLastAccessed).toBeUndefined();
    const used = services.filter((s) => s.LastAuthenticated).map((s) => s.ServiceNamespace).sort();
    expect(used).toEqual(["lambda", "s3"]);
    const iamSvc = services.find((s) => s.ServiceNamespace === "iam")!; // granted by the inline policy and ReadOnlyAccess, never used
    expect(iamSvc).toMatchObject({ ServiceName: "AWS Identity and Access Management", TotalAuthenticatedEntities: 0 });
    expect(iamSvc.LastAuthenticated).toBeUndefined();
    expect(services.length).toBeGreaterThan(10);
  });

  it("reports tracked actions at ACTION_LEVEL and aggregates groups and roles", async () => {
    const { services, pages } = await runJob(`arn:aws:iam::${PROD}:user/alice`, "ACTION_LEVEL");
    expect(pages).toBeGreaterThan(1);
    const s3 = services.find((s) => s.ServiceNamespace === "s3")!;
    const list = s3.TrackedActionsLastAccessed!;
    expect(list.find((a) => a.ActionName === "ListAllMyBuckets")!.LastAccessedTime!.toISOString()).toBe("2024-12-31T00:00:00.000Z");
    expect(list.find((a) => a.ActionName === "CreateBucket")!.LastAccessedEntity).toBe(`arn:aws:iam::${PROD}:user/alice`);
    expect(list.find((a) => a.ActionName === "DeleteBucket")!.LastAccessedTime).toBeUndefined();

    const admins = await runJob(`arn:aws:iam::${PROD}:group/Admins`, "SERVICE_LEVEL");
    const ec2 = admins.services.find((s) => s.ServiceNamespace === "ec2")!;
    expect(ec2).toMatchObject({ LastAuthenticatedEntity: `arn:aws:iam::${PROD}:user/bob`, TotalAuthenticatedEntities: 1 });

    const role = await runJob(`arn:aws:iam::${PROD}:role/app-role`, "SERVICE_LEVEL");
    expect(role.services.length).toBeGreaterThan(40); // AdministratorAccess grants everything
    expect(role.services.filter((s) => s.LastAuthenticated).map((s) => s.ServiceNamespace)).toEqual(["s3"]);
  });

  it("rejects unknown entities and jobs", async () => {
    expect((await errorOf(iam.send(new GenerateServiceLastAccessedDetailsCommand({ Arn: `arn:aws:iam::${PROD}:user/ghost` })))).name).toBe("NoSuchEntityException");
    expect((await errorOf(iam.send(new GetServiceLastAccessedDetailsCommand({ JobId: "00000000-0000-0000-0000-000000000000" })))).name).toBe("NoSuchEntityException");
  });
});
