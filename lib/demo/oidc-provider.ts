// A real OpenID Connect provider (the `oidc-provider` package, certified by the OpenID
// Foundation) on loopback for the demo and the browser tests: authorization code + PKCE,
// signed ID tokens, discovery, and a login form for the demo users. The console signs in
// through it exactly as it would through Okta or Entra ID.
import http from "node:http";
import { generateKeyPairSync, randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import Provider from "oidc-provider";
import { DEMO_PASSWORD, DEMO_USERS, type TDemoUser } from "./demo-users";

export type TDemoOidc = { issuer: string; clientId: string; clientSecret: string; stop: () => Promise<void> };

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function loginPage(options: { uid: string; error?: string }): string {
  const rows = DEMO_USERS.map((u) => `<tr><td><code>${escapeHtml(u.username)}</code></td><td>${escapeHtml(u.groups.join(", "))}</td></tr>`).join("");
  return `<!doctype html><html><head><meta charset="utf-8"><title>Demo IdP sign-in</title>
<style>body{font-family:system-ui,sans-serif;max-width:34rem;margin:3rem auto;color:#1f2933}label{display:block;margin:.6rem 0 .2rem}
input{width:100%;padding:.45rem;font-size:1rem}button{margin-top:1rem;padding:.5rem 1.2rem;font-size:1rem}.error{color:#b42318}
table{border-collapse:collapse;margin-top:1.5rem;font-size:.9rem}td{padding:.2rem .8rem .2rem 0}</style></head>
<body><h1>Acme demo identity provider</h1>
${options.error ? `<p class="error" role="alert">${escapeHtml(options.error)}</p>` : ""}
<form method="post" action="/interaction/${escapeHtml(options.uid)}/login" autocomplete="off">
<label for="username">Username</label><input id="username" name="username" required autofocus>
<label for="password">Password</label><input id="password" name="password" type="password" required>
<button type="submit">Sign in</button></form>
<p>Demo users (password <code>${DEMO_PASSWORD}</code>):</p><table>${rows}</table></body></html>`;
}

async function readForm(req: http.IncomingMessage): Promise<URLSearchParams> {
  let body = "";
  for await (const chunk of req) {
    body += chunk;
    if (body.length > 10_000) throw new Error("form too large");
  }
  return new URLSearchParams(body);
}

/** Starts the provider on 127.0.0.1:`port` (0 picks a free port) with one confidential client for the console. */
export async function startDemoOidcProvider(options: { port: number; consoleUrl: string; clientId?: string; clientSecret?: string }): Promise<TDemoOidc> {
  const clientId = options.clientId ?? "access-atlas-console";
  const clientSecret = options.clientSecret ?? randomBytes(24).toString("hex");
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(options.port, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const users = new Map<string, TDemoUser>(DEMO_USERS.map((u) => [u.username, u]));
  const consoleUrl = options.consoleUrl.replace(/\/$/, "");
  const provider = new Provider(issuer, {
    clients: [{
      client_id: clientId,
      client_secret: clientSecret,
      redirect_uris: [`${consoleUrl}/api/auth/callback/oidc`],
      post_logout_redirect_uris: [consoleUrl],
      grant_types: ["authorization_code"],
      response_types: ["code"],
    }],
    jwks: { keys: [{ ...privateKey.export({ format: "jwk" }), kid: "demo", use: "sig", alg: "RS256" }] },
    cookies: { keys: [randomBytes(32).toString("hex")] },
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name", "preferred_username"], groups: ["groups"] },
    // The console reads the groups from the ID token, as most IdPs can be set to send them.
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: false } },
    ttl: { Interaction: 600, Session: 8 * 3600, Grant: 8 * 3600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    async findAccount(_ctx, sub) {
      const user = users.get(sub);
      if (!user) return undefined;
      return {
        accountId: sub,
        async claims() {
          return { sub, email: user.email, email_verified: true, name: user.name, preferred_username: user.username, groups: user.groups };
        },
      };
    },
  });
  provider.on("server_error", (_ctx, error) => process.stderr.write(`[oidc] ${error.message}\n`));
  const callback = provider.callback();

  server.on("request", async (req, res) => {
    const match = /^\/interaction\/([\w-]+)(\/login)?$/.exec(req.url?.split("?")[0] ?? "");
    if (!match) return callback(req, res);
    try {
      const details = await provider.interactionDetails(req, res);
      if (match[2] && req.method === "POST") {
        const form = await readForm(req);
        const username = form.get("username") ?? "";
        if (!users.has(username) || form.get("password") !== DEMO_PASSWORD) {
          res.writeHead(401, { "content-type": "text/html; charset=utf-8" }).end(loginPage({ uid: details.uid, error: "Unknown user or wrong password." }));
          return;
        }
        await provider.interactionFinished(req, res, { login: { accountId: username } }, { mergeWithLastSubmission: false });
        return;
      }
      if (details.prompt.name === "login") {
        res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(loginPage({ uid: details.uid }));
        return;
      }
      // The console is a first-party client: consent is granted without asking.
      const grant = details.grantId ? (await provider.Grant.find(details.grantId))! : new provider.Grant({ accountId: details.session!.accountId, clientId: details.params.client_id as string });
      const missing = details.prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[] };
      if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(" "));
      if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
      const grantId = await grant.save();
      await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
    } catch (error) {
      res.writeHead(400, { "content-type": "text/plain" }).end(`interaction failed: ${(error as Error).message}`);
    }
  });

  return {
    issuer,
    clientId,
    clientSecret,
    stop: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
