import { describe, expect, it } from "vitest";
import { loadEnv } from "./env";

describe("loadEnv", () => {
  it("applies defaults and parses lists", () => {
    const env = loadEnv({ COLLECT_SKIP_ACCOUNTS: "111111111111, 222222222222", KNOWN_VENDORS: "464622532012=Datadog" });
    expect(env.AUDIT_ROLE_NAME).toBe("GovernanceAuditRole");
    expect(env.COLLECT_SKIP_ACCOUNTS).toEqual(["111111111111", "222222222222"]);
    expect(env.KNOWN_VENDORS).toEqual({ "464622532012": "Datadog" });
  });
  it("names every bad variable", () => {
    const attempt = () => loadEnv({ COLLECT_CONCURRENCY: "0", ORG_READER_ROLE_ARN: "role/x", KNOWN_VENDORS: "datadog" });
    expect(attempt).toThrow(/COLLECT_CONCURRENCY: Too small/);
    expect(attempt).toThrow(/ORG_READER_ROLE_ARN: must be an IAM role ARN/);
    expect(attempt).toThrow(/KNOWN_VENDORS: "datadog" is not <12-digit account id>=<name>/);
  });
  it("treats empty values as unset", () => {
    expect(loadEnv({ DATABASE_URL: "", COLLECT_MODE: "" }).COLLECT_MODE).toBe("jump-account");
  });
});
