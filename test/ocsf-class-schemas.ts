// JSON Schemas for the OCSF 1.4.0 classes Access Atlas emits, written by hand from the
// class and object pages of the schema browser (no npm package ships the OCSF schema):
//   https://schema.ocsf.io/1.4.0/classes/detection_finding   (class_uid 2004)
//   https://schema.ocsf.io/1.4.0/classes/compliance_finding  (class_uid 2003)
//   https://schema.ocsf.io/1.4.0/objects/finding_info, /objects/metadata, /objects/product,
//   /objects/cloud, /objects/account, /objects/resource_details, /objects/compliance
// "required" below is the spec's Requirement: required; enums are the spec's *_id values.
// Independent of lib/export/ocsf-schema.ts on purpose: that one is what we emit, this one is what OCSF allows.

const timestamp = { type: "integer", minimum: 0, description: "timestamp_t: milliseconds since the epoch" };
const product = { type: "object", properties: { name: { type: "string" }, vendor_name: { type: "string" }, uid: { type: "string" }, version: { type: "string" } } };
const metadata = {
  type: "object", required: ["product", "version"],
  properties: { product, version: { type: "string", pattern: "^1\\.\\d+\\.\\d+" }, uid: { type: "string" }, log_name: { type: "string" } },
};
const account = { type: "object", properties: { uid: { type: "string" }, name: { type: "string" }, type: { type: "string" }, type_id: { enum: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 99] } } };
// The cloud profile: `cloud` is required on a class that applies it, and cloud.provider is required.
const cloud = { type: "object", required: ["provider"], properties: { provider: { type: "string" }, account, org: { type: "object", properties: { uid: { type: "string" }, name: { type: "string" } } }, region: { type: "string" } } };
const findingInfo = {
  type: "object", required: ["uid"],
  properties: {
    uid: { type: "string" }, title: { type: "string" }, desc: { type: "string" }, types: { type: "array", items: { type: "string" } },
    created_time: timestamp, first_seen_time: timestamp, last_seen_time: timestamp, modified_time: timestamp, product_uid: { type: "string" }, src_url: { type: "string", format: "uri" },
  },
};
const resource = { type: "object", properties: { uid: { type: "string" }, name: { type: "string" }, type: { type: "string" }, cloud_partition: { type: "string" }, region: { type: "string" }, data: {} } };

const findingBase = {
  type: "object",
  required: ["activity_id", "category_uid", "class_uid", "finding_info", "metadata", "severity_id", "time", "type_uid", "cloud"],
  properties: {
    activity_id: { enum: [0, 1, 2, 3, 99] }, activity_name: { type: "string" },
    category_uid: { const: 2 }, category_name: { const: "Findings" },
    class_name: { type: "string" }, type_uid: { type: "integer" }, type_name: { type: "string" },
    severity_id: { enum: [0, 1, 2, 3, 4, 5, 6, 99] }, severity: { enum: ["Unknown", "Informational", "Low", "Medium", "High", "Critical", "Fatal", "Other"] },
    status_id: { enum: [0, 1, 2, 3, 4, 5, 6, 99] }, status: { type: "string" }, status_detail: { type: "string" },
    time: timestamp, time_dt: { type: "string", format: "date-time" }, message: { type: "string" },
    metadata, cloud, finding_info: findingInfo, resources: { type: "array", items: resource }, unmapped: { type: "object" },
  },
};

export const OCSF_DETECTION_FINDING = { ...findingBase, properties: { ...findingBase.properties, class_uid: { const: 2004 }, class_name: { const: "Detection Finding" } } };

export const OCSF_COMPLIANCE_FINDING = {
  ...findingBase,
  required: [...findingBase.required, "compliance"],
  properties: {
    ...findingBase.properties, class_uid: { const: 2003 }, class_name: { const: "Compliance Finding" },
    compliance: {
      type: "object", required: ["standards"],
      properties: {
        standards: { type: "array", items: { type: "string" }, minItems: 1 }, control: { type: "string" }, requirements: { type: "array", items: { type: "string" } },
        status_id: { enum: [0, 1, 2, 3, 99] }, status: { type: "string" }, status_detail: { type: "string" },
      },
    },
  },
};
