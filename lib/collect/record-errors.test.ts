import { describe, expect, it } from "vitest";
import { keepStoredVersionsOfErrored, setAsideUnkeyedRecords, type TRecordError } from "./record-errors";

describe("setAsideUnkeyedRecords", () => {
  it("stores the first of duplicate keys and sets aside unkeyed and repeated records, naming each", () => {
    const errors: TRecordError[] = [];
    const [batch] = setAsideUnkeyedRecords({ errors, batches: [{ kind: "iam.policy", mode: "replace", records: [
      { kind: "iam.policy", key: "arn:aws:iam::1:policy/a", arn: "arn:aws:iam::1:policy/a", data: { n: 1 } },
      { kind: "iam.policy", key: "arn:aws:iam::1:policy/a", arn: "arn:aws:iam::1:policy/a", data: { n: 2 } },
      { kind: "iam.policy", key: undefined as unknown as string, name: "b", data: {} },
    ] }] });
    expect(batch.records.map((r) => r.data)).toEqual([{ n: 1 }]);
    expect(errors.map((e) => [e.kind, e.record, e.missing])).toEqual([
      ["iam.policy", "arn:aws:iam::1:policy/a", []],
      ["iam.policy", "b", ["key"]],
    ]);
    expect(errors[0].message).toMatch(/appears twice/);
  });
});

describe("keepStoredVersionsOfErrored", () => {
  it("turns a replace batch into a merge that keeps the stored version of an errored record, matched by ARN", async () => {
    const stored = [{ scope: "1", kind: "iam.role", key: "AROA1", name: "r1", arn: "arn:aws:iam::1:role/r1", data: {}, validFrom: 1 },
      { scope: "1", kind: "iam.role", key: "AROA2", name: "gone", arn: "arn:aws:iam::1:role/gone", data: {}, validFrom: 1 }];
    const [batch] = await keepStoredVersionsOfErrored({
      batches: [{ kind: "iam.role", mode: "replace", records: [{ kind: "iam.role", key: "AROA3", arn: "arn:aws:iam::1:role/r3", data: {} }] }],
      errors: [{ kind: "iam.role", record: "arn:aws:iam::1:role/r1", missing: ["RoleId"], message: "" }],
      readCurrent: async () => stored,
    });
    expect(batch).toMatchObject({ mode: "merge", liveKeys: ["AROA3", "AROA1"] });
  });
});
