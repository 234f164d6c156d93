import { z } from "zod";

// The OCSF 1.4.0 attributes Access Atlas emits (https://schema.ocsf.io/1.4.0/): enough of
// the Finding classes for Security Lake, SIEMs and Prowler-style pipelines. The API
// document uses these; the OCSF test checks samples against the class definitions instead.
export const OCSF_VERSION = "1.4.0";

const zProduct = z.object({ name: z.string(), vendor_name: z.string(), uid: z.string(), version: z.string() });
const zMetadata = z.object({ version: z.literal(OCSF_VERSION), product: zProduct, uid: z.string().optional(), log_name: z.string().optional() });
const zCloud = z.object({ provider: z.literal("AWS"), account: z.object({ uid: z.string(), name: z.string().optional(), type: z.literal("AWS Account"), type_id: z.literal(10) }).optional(), org: z.object({ uid: z.string() }).optional() });
const zResource = z.object({ uid: z.string(), name: z.string().optional(), type: z.string().optional(), cloud_partition: z.string().optional(), data: z.record(z.string(), z.unknown()).optional() });
const zFindingInfo = z.object({
  uid: z.string(), title: z.string(), desc: z.string().optional(), types: z.array(z.string()).optional(),
  created_time: z.number().int().optional(), first_seen_time: z.number().int().optional(), last_seen_time: z.number().int().optional(),
  product_uid: z.string().optional(), src_url: z.string().optional(),
});

const base = {
  activity_id: z.number().int(), activity_name: z.string(), category_uid: z.literal(2), category_name: z.literal("Findings"),
  class_name: z.string(), type_name: z.string(), type_uid: z.number().int(),
  severity_id: z.number().int(), severity: z.string(), status_id: z.number().int(), status: z.string(), status_detail: z.string().optional(),
  time: z.number().int(), time_dt: z.string().optional(), message: z.string(),
  metadata: zMetadata, cloud: zCloud, finding_info: zFindingInfo, resources: z.array(zResource),
  unmapped: z.record(z.string(), z.unknown()).optional(),
};

export const ZOcsfDetectionFinding = z.object({ ...base, class_uid: z.literal(2004) }).meta({ id: "OcsfDetectionFinding", description: "OCSF 1.4.0 Detection Finding (class 2004)" });
export const ZOcsfComplianceFinding = z.object({
  ...base, class_uid: z.literal(2003),
  compliance: z.object({ standards: z.array(z.string()), control: z.string(), requirements: z.array(z.string()).optional(), status_id: z.number().int(), status: z.string(), status_detail: z.string().optional() }),
}).meta({ id: "OcsfComplianceFinding", description: "OCSF 1.4.0 Compliance Finding (class 2003)" });

export type TOcsfDetectionFinding = z.infer<typeof ZOcsfDetectionFinding>;
export type TOcsfComplianceFinding = z.infer<typeof ZOcsfComplianceFinding>;

export const OCSF_PRODUCT = { name: "Access Atlas", vendor_name: "Access Atlas", uid: "access-atlas", version: "0.1.0" } as const;

/** OCSF severity_id: 1 Informational, 2 Low, 3 Medium, 4 High, 5 Critical. */
export const OCSF_SEVERITY: Record<string, { id: number; name: string }> = {
  info: { id: 1, name: "Informational" }, low: { id: 2, name: "Low" }, medium: { id: 3, name: "Medium" }, high: { id: 4, name: "High" }, critical: { id: 5, name: "Critical" },
};
