import { describe, expect, it } from "vitest";
import { ZAuthEnv } from "./auth-env";
import { mapGroupsToRoles } from "./map-roles";

const roleMap = { admin: ["atlas-admins"], auditor: ["atlas-auditors", "grc"], reviewer: ["atlas-reviewers"], viewer: ["atlas-viewers"] };

describe("mapping IdP groups to app roles", () => {
  it("grants every role whose group the user has", () => {
    expect(mapGroupsToRoles({ groups: ["grc", "atlas-reviewers", "unrelated"], roleMap })).toEqual(["auditor", "reviewer"]);
  });
  it("accepts a single string claim and refuses users with no mapped group", () => {
    expect(mapGroupsToRoles({ groups: "atlas-admins", roleMap })).toEqual(["admin"]);
    expect(mapGroupsToRoles({ groups: ["everyone"], roleMap })).toEqual([]);
    expect(mapGroupsToRoles({ groups: undefined, roleMap })).toEqual([]);
  });
  it("parses ROLE_MAP and names a bad entry", () => {
    const base = { NEXTAUTH_URL: "http://localhost:3000", NEXTAUTH_SECRET: "x".repeat(32), OIDC_ISSUER: "http://127.0.0.1:4000", OIDC_CLIENT_ID: "c", OIDC_CLIENT_SECRET: "s" };
    expect(ZAuthEnv.parse({ ...base, ROLE_MAP: "admin=a|b,viewer=v" }).ROLE_MAP).toEqual({ admin: ["a", "b"], viewer: ["v"] });
    const bad = ZAuthEnv.safeParse({ ...base, ROLE_MAP: "superuser=a" });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0].message).toContain('"superuser=a"');
  });
});
