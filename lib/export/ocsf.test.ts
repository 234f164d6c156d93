import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import { OCSF_COMPLIANCE_FINDING, OCSF_DETECTION_FINDING } from "../../test/ocsf-class-schemas";
import type { TFindingRow } from "../console/list-findings";
import type { TCisReport } from "../reports/get-cis-report";
import { toOcsfComplianceFindings } from "./ocsf-compliance";
import { toOcsfDetectionFinding } from "./ocsf-findings";

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
const detection = ajv.compile(OCSF_DETECTION_FINDING);
const compliance = ajv.compile(OCSF_COMPLIANCE_FINDING);

const finding = (over: Partial<TFindingRow>): TFindingRow => ({
  id: 7, rule: "root-access-key", title: "Root user has an active access key", severity: "critical", cisControl: "1.3",
  accountId: "111122223333", accountName: "acme-management", resourceKey: "111122223333/root", resourceName: "root",
  principalKey: null, evidence: { arn: "arn:aws:iam::111122223333:root", keyId: "AKIAEXAMPLE" },
  firstSeenRun: 1, firstSeenAt: new Date("2026-11-01T03:00:00Z"), lastSeenRun: 4, lastSeenAt: new Date("2026-11-04T03:00:00Z"),
  status: "open", acceptedReason: null, acceptedUntil: null, acceptedBy: null, grantedServices: null, usedServices: null, ...over,
});

describe("OCSF Detection Finding export", () => {
  it("is valid against the OCSF 1.4.0 class for open, accepted and resolved findings", () => {
    for (const status of ["open", "accepted", "resolved"] as const) {
      const event = toOcsfDetectionFinding({ finding: finding({ status, acceptedBy: status === "accepted" ? "ada" : null }), organizationId: "o-acme", baseUrl: "https://atlas.example" });
      expect(detection(event), ajv.errorsText(detection.errors)).toBe(true);
      // type_uid is class_uid * 100 + activity_id (https://schema.ocsf.io/1.4.0/classes/detection_finding).
      expect(event.type_uid).toBe(2004 * 100 + event.activity_id);
    }
  });

  it("maps severity, status, account and resource as a SIEM expects", () => {
    const open = toOcsfDetectionFinding({ finding: finding({}), organizationId: "o-acme" });
    expect(open).toMatchObject({
      severity_id: 5, severity: "Critical", status_id: 1, status: "New", activity_id: 1, time: Date.parse("2026-11-04T03:00:00Z"),
      cloud: { provider: "AWS", account: { uid: "111122223333", type_id: 10 }, org: { uid: "o-acme" } },
      finding_info: { uid: "access-atlas-finding-7", types: ["root-access-key", "CIS AWS Foundations v5 1.3"], first_seen_time: Date.parse("2026-11-01T03:00:00Z") },
      resources: [{ uid: "arn:aws:iam::111122223333:root", cloud_partition: "aws" }],
    });
    const accepted = toOcsfDetectionFinding({ finding: finding({ status: "accepted", acceptedBy: "ada", acceptedReason: "break-glass", acceptedUntil: new Date("2027-01-01T00:00:00Z") }), organizationId: null });
    expect(accepted).toMatchObject({ status_id: 3, status: "Suppressed", status_detail: "accepted by ada until 2027-01-01T00:00:00.000Z: break-glass" });
    expect(accepted.cloud.org).toBeUndefined();
    expect(toOcsfDetectionFinding({ finding: finding({ severity: "low", status: "resolved" }), organizationId: null })).toMatchObject({ severity_id: 2, status_id: 4, activity_id: 3 });
  });

  it("a malformed event is refused by the class schema (the check can fail)", () => {
    const event = toOcsfDetectionFinding({ finding: finding({}), organizationId: null }) as Record<string, unknown>;
    expect(detection({ ...event, severity_id: 9 })).toBe(false);
    const { finding_info: _info, ...withoutInfo } = event;
    expect(detection(withoutInfo)).toBe(false);
  });
});

describe("OCSF Compliance Finding export of the CIS results", () => {
  const cisFinding = { id: 7, rule: "root-access-key", title: "Root key", severity: "critical", cisControl: "1.3", accountId: "111122223333", resourceKey: "111122223333/root", resourceName: "root", status: "open" as const, acceptedReason: null, acceptedUntil: null, acceptedBy: null };
  const report: TCisReport = {
    benchmark: "CIS Amazon Web Services Foundations Benchmark v5.0.0", generatedAt: new Date("2026-11-04T04:00:00Z"),
    scope: { kind: "org", organizationId: "o-acme" },
    snapshot: { organizationId: "o-acme", analysisId: 3, collectionRunId: 4, runStatus: "partial", collectedAt: new Date("2026-11-04T03:00:00Z"), analysedAt: new Date("2026-11-04T03:10:00Z") },
    controls: [],
    accounts: [{
      account: { id: "111122223333", name: "acme-management", runStatus: "succeeded", runError: null, unavailable: [] },
      controls: [
        { controlId: "1.3", title: "Ensure no root user account access key exists", status: "fail", reason: "1 failing resource(s)", failing: [cisFinding], exceptions: [] },
        { controlId: "1.4", title: "Ensure MFA is enabled for the root user", status: "pass", reason: "no failing resources", failing: [], exceptions: [] },
        { controlId: "1.1", title: "Maintain current contact details", status: "manual", reason: "not visible through IAM", failing: [], exceptions: [] },
        { controlId: "1.9", title: "MFA for console users", status: "not-evaluated", reason: "collection failed: AccessDenied", failing: [], exceptions: [] },
      ],
    }],
    counts: { pass: 1, fail: 1, exception: 0, "not-evaluated": 1, "not-applicable": 0, manual: 1 },
  };

  it("emits one valid Compliance Finding per account and control, with the OCSF compliance status", () => {
    const events = toOcsfComplianceFindings({ report });
    expect(events).toHaveLength(4);
    for (const event of events) expect(compliance(event), ajv.errorsText(compliance.errors)).toBe(true);
    const byControl = Object.fromEntries(events.map((e) => [e.compliance.control, e]));
    expect(byControl["1.3"]).toMatchObject({ severity_id: 5, compliance: { status_id: 3, status: "Fail", standards: [report.benchmark] }, resources: [{ uid: "111122223333/root" }] });
    expect(byControl["1.4"]).toMatchObject({ severity_id: 1, status_id: 4, compliance: { status_id: 1 } });
    expect(byControl["1.9"].compliance).toMatchObject({ status_id: 2, status: "Warning" });
    expect(byControl["1.1"].compliance).toMatchObject({ status_id: 99, status: "Manual" });
    expect(compliance({ ...byControl["1.3"], compliance: { control: "1.3" } })).toBe(false);
  });
});
