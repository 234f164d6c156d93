import type { NextAuthOptions } from "next-auth";
import { getDb } from "../db/client";
import { recordAuditEvent } from "../audit/record-audit-event";
import { requestOrigin } from "../audit/request-origin";
import { loadAuthEnv } from "./auth-env";
import { groupsOf, mapGroupsToRoles } from "./map-roles";
import type { TAppRole } from "./permissions";
import { safeRedirectUrl } from "./safe-callback-path";
import { createSessionRecord, endSessionRecord, isSessionActive } from "./session-record";

type TOidcProfile = Record<string, unknown> & { sub: string; email?: string; name?: string; preferred_username?: string };

let built: { secret: string; options: NextAuthOptions } | undefined;

/**
 * next-auth with one generic OpenID Connect provider (Okta, Entra ID, Google Workspace,
 * Keycloak, Cognito…): discovery from OIDC_ISSUER, PKCE + state, the ID token's signature
 * checked. App roles come from the group claim through ROLE_MAP at sign-in; a user with no
 * mapped group is refused. JWT sessions: the cookie (httpOnly, SameSite=Lax, Secure on
 * https) lapses after SESSION_IDLE_MINUTES without a request, and the token carries the
 * sign-in time so getSessionUser ends it after SESSION_MAX_HOURS regardless. The token also
 * names a server-side session record (`sid`, lib/auth/session-record.ts) that every request
 * checks: sign-out and administrators end it there, so a copied cookie stops working.
 */
export function authOptions(): NextAuthOptions {
  const env = loadAuthEnv();
  if (built?.secret === env.NEXTAUTH_SECRET + env.OIDC_ISSUER) return built.options;
  const options: NextAuthOptions = {
    secret: env.NEXTAUTH_SECRET,
    useSecureCookies: env.NEXTAUTH_URL.startsWith("https://"),
    session: { strategy: "jwt", maxAge: env.SESSION_IDLE_MINUTES * 60 },
    pages: { signIn: "/signin", error: "/auth/error" },
    providers: [
      {
        id: "oidc",
        name: env.OIDC_PROVIDER_NAME,
        type: "oauth",
        wellKnown: `${env.OIDC_ISSUER.replace(/\/$/, "")}/.well-known/openid-configuration`,
        clientId: env.OIDC_CLIENT_ID,
        clientSecret: env.OIDC_CLIENT_SECRET,
        authorization: { params: { scope: env.OIDC_SCOPES } },
        idToken: true,
        checks: ["pkce", "state"],
        profile(profile: TOidcProfile) {
          return {
            id: profile.sub,
            email: profile.email ?? null,
            name: profile.name ?? profile.preferred_username ?? profile.email ?? profile.sub,
            groups: groupsOf(profile[env.OIDC_GROUPS_CLAIM]),
          };
        },
      },
    ],
    callbacks: {
      async signIn({ user, profile }) {
        const groups = groupsOf((profile as TOidcProfile | undefined)?.[env.OIDC_GROUPS_CLAIM]);
        const roles = mapGroupsToRoles({ groups, roleMap: env.ROLE_MAP });
        if (roles.length > 0) return true;
        await recordAuditEvent({
          db: getDb().pool,
          event: { actor: { id: user.id, email: user.email ?? null, roles: [] }, action: "auth.sign-in-refused", details: { groups, reason: "no group of the user is mapped to an app role" } },
        }).catch((error) => console.error("audit: could not record a refused sign-in", error));
        // The groups are in the audit event; the page does not echo request text.
        return "/auth/refused";
      },
      redirect({ url, baseUrl }) {
        return safeRedirectUrl({ url, baseUrl });
      },
      async jwt({ token, user, profile }) {
        if (user && profile) {
          const groups = groupsOf((profile as TOidcProfile)[env.OIDC_GROUPS_CLAIM]);
          const roles = mapGroupsToRoles({ groups, roleMap: env.ROLE_MAP });
          token.roles = roles;
          token.groups = groups;
          token.authTime = Math.floor(Date.now() / 1000);
          token.sid = await createSessionRecord({
            pool: getDb().pool, maxHours: env.SESSION_MAX_HOURS, origin: await requestOrigin(),
            user: { id: user.id, email: user.email ?? null, name: user.name ?? null, roles },
          });
          return token;
        }
        // Ended (sign-out, an administrator), idle or past its limit on the server: an empty
        // token, which next-auth writes back, so the browser holds no usable session either.
        if (!(await isSessionActive({ pool: getDb().pool, sid: token.sid, idleMinutes: env.SESSION_IDLE_MINUTES }))) return {};
        return token;
      },
      async session({ session, token }) {
        if (!token.sub) return { expires: session.expires };
        return {
          ...session,
          user: { ...session.user, id: token.sub, roles: (token.roles as TAppRole[] | undefined) ?? [] },
          authTime: token.authTime,
        };
      },
    },
    events: {
      async signIn({ user, profile }) {
        const groups = groupsOf((profile as TOidcProfile | undefined)?.[env.OIDC_GROUPS_CLAIM]);
        await recordAuditEvent({
          db: getDb().pool,
          event: { actor: { id: user.id, email: user.email ?? null, roles: mapGroupsToRoles({ groups, roleMap: env.ROLE_MAP }) }, action: "auth.sign-in", details: { groups, provider: env.OIDC_PROVIDER_NAME }, origin: await requestOrigin() },
        }).catch((error) => console.error("audit: could not record a sign-in", error));
      },
      async signOut({ token }) {
        if (!token?.sub) return;
        const ended = await endSessionRecord({ pool: getDb().pool, sid: token.sid, reason: "signed-out", endedBy: token.sub });
        await recordAuditEvent({
          db: getDb().pool,
          event: { actor: { id: token.sub, email: (token.email as string | undefined) ?? null, roles: (token.roles as string[] | undefined) ?? [] }, action: "auth.sign-out", details: { sessionEnded: ended }, origin: await requestOrigin() },
        }).catch((error) => console.error("audit: could not record a sign-out", error));
      },
    },
  };
  built = { secret: env.NEXTAUTH_SECRET + env.OIDC_ISSUER, options };
  return options;
}
