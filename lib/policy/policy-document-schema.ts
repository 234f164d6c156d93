import { z } from "zod";

// The raw JSON grammar of an IAM policy document. Element names are case-sensitive in
// IAM, so unknown keys (a typo like "Actions") are rejected rather than ignored: ignoring
// one would silently widen or narrow what the policy means.

const ZStringOrList = z.union([z.string(), z.array(z.string()).min(1)], {
  error: "must be a string or a non-empty array of strings",
});

const ZPrincipal = z.union(
  [
    z.literal("*"),
    z.strictObject({
      AWS: ZStringOrList.optional(),
      Service: ZStringOrList.optional(),
      Federated: ZStringOrList.optional(),
      CanonicalUser: ZStringOrList.optional(),
    }),
  ],
  { error: 'must be "*" or an object with AWS, Service, Federated or CanonicalUser' },
);

const ZConditionScalar = z.union([z.string(), z.number(), z.boolean()]);

const ZCondition = z.record(
  z.string(),
  z.record(z.string(), z.union([ZConditionScalar, z.array(ZConditionScalar)]), {
    error: "each condition operator must map condition keys to values",
  }),
  { error: "must be an object of condition operators" },
);

export const ZRawStatement = z.strictObject({
  Sid: z.string().optional(),
  Effect: z.enum(["Allow", "Deny"], { error: 'must be "Allow" or "Deny"' }),
  Action: ZStringOrList.optional(),
  NotAction: ZStringOrList.optional(),
  Resource: ZStringOrList.optional(),
  NotResource: ZStringOrList.optional(),
  Principal: ZPrincipal.optional(),
  NotPrincipal: ZPrincipal.optional(),
  Condition: ZCondition.optional(),
});

export const ZRawPolicyDocument = z.strictObject({
  Version: z.enum(["2012-10-17", "2008-10-17"], { error: 'must be "2012-10-17" or "2008-10-17"' }).optional(),
  Id: z.string().optional(),
  // parsePolicy wraps a single Statement object in a list first, so that errors inside it
  // name the failing element rather than "not an object or a list".
  Statement: z.array(ZRawStatement, { error: "must be a statement object or a list of them" }).min(1, "must contain at least one statement"),
});

export type TRawStatement = z.infer<typeof ZRawStatement>;
export type TRawPolicyDocument = z.infer<typeof ZRawPolicyDocument>;
