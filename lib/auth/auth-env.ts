import { z } from "zod";
import { APP_ROLES, type TAppRole } from "./permissions";

/**
 * "admin=atlas-admins|platform-leads,auditor=atlas-auditors": each app role and the IdP
 * groups (values of the group claim) that grant it.
 */
const ZRoleMap = z.string().min(1).transform((value, ctx) => {
  const map: Partial<Record<TAppRole, string[]>> = {};
  for (const entry of value.split(",").map((s) => s.trim()).filter(Boolean)) {
    const [role, groups] = entry.split("=").map((s) => s?.trim());
    if (!APP_ROLES.includes(role as TAppRole) || !groups) {
      ctx.addIssue({ code: "custom", message: `"${entry}" is not <${APP_ROLES.join("|")}>=<group>[|<group>…]` });
      return z.NEVER;
    }
    map[role as TAppRole] = [...(map[role as TAppRole] ?? []), ...groups.split("|").map((g) => g.trim()).filter(Boolean)];
  }
  return map;
});

export const ZAuthEnv = z.object({
  /** The console's public URL; https makes next-auth's cookies `Secure` with the __Secure- prefix. */
  NEXTAUTH_URL: z.string().url(),
  NEXTAUTH_SECRET: z.string().min(32, "use at least 32 random characters (openssl rand -base64 32)"),
  OIDC_ISSUER: z.string().url(),
  OIDC_CLIENT_ID: z.string().min(1),
  OIDC_CLIENT_SECRET: z.string().min(1),
  OIDC_PROVIDER_NAME: z.string().default("SSO"),
  OIDC_SCOPES: z.string().default("openid email profile groups"),
  /** The ID-token / userinfo claim that lists the user's groups (Okta/Keycloak: groups; Entra ID: groups or roles). */
  OIDC_GROUPS_CLAIM: z.string().default("groups"),
  ROLE_MAP: ZRoleMap,
  /** Signed out after this many minutes without a request. */
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
  /** Signed out this many hours after sign-in, whatever the activity. */
  SESSION_MAX_HOURS: z.coerce.number().min(0.01).max(7 * 24).default(12),
});
export type TAuthEnv = z.infer<typeof ZAuthEnv>;

let cached: { source: string; env: TAuthEnv } | undefined;

/** The console's sign-in settings; a bad or missing one fails with the variable's name. */
export function loadAuthEnv(source: Record<string, string | undefined> = process.env): TAuthEnv {
  const relevant = Object.fromEntries(Object.keys(ZAuthEnv.shape).map((key) => [key, source[key] || undefined]));
  const fingerprint = JSON.stringify(relevant);
  if (cached?.source === fingerprint) return cached.env;
  const parsed = ZAuthEnv.safeParse(relevant);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Invalid sign-in configuration:\n${problems}\nSee .env.example (Console sign-in).`);
  }
  cached = { source: fingerprint, env: parsed.data };
  return parsed.data;
}
