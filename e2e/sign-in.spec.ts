import { expect, signIn, test } from "./fixtures";

test.describe("signing in through the OIDC provider", () => {
  test("a signed-out visitor is sent to sign-in and comes back to the page asked for", async ({ page }) => {
    await page.goto("/principals?kind=iam-role");
    await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fprincipals%3Fkind%3Diam-role/);
    await signIn(page, "viewer", { to: "/principals?kind=iam-role" });
    await expect(page).toHaveURL(/\/principals\?kind=iam-role/);
    await expect(page.getByTestId("whoami")).toContainText("victor@acme.example · viewer");
  });

  test("session cookies are httpOnly and SameSite, and sign-out ends the session", async ({ page, db }) => {
    await signIn(page, "admin");
    const session = (await page.context().cookies()).find((c) => c.name.endsWith("next-auth.session-token"));
    expect(session?.httpOnly).toBe(true);
    expect(session?.sameSite).toBe("Lax");
    // Idle timeout: the cookie lives SESSION_IDLE_MINUTES (default 30) from the last request.
    const lifetimeMinutes = (session!.expires - Date.now() / 1000) / 60;
    expect(lifetimeMinutes).toBeGreaterThan(28);
    expect(lifetimeMinutes).toBeLessThanOrEqual(30.1);
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/signin/);
    await page.goto("/");
    await expect(page).toHaveURL(/\/signin/);
    const { rows } = await db.query("SELECT action FROM audit_event WHERE actor_email = 'ada@acme.example' AND action IN ('auth.sign-in', 'auth.sign-out')");
    expect(rows.map((r) => r.action)).toEqual(expect.arrayContaining(["auth.sign-in", "auth.sign-out"]));
  });

  test("sign-out ends the session on the server: a copy of the old cookie no longer works", async ({ page, browser }) => {
    await signIn(page, "viewer");
    const copied = await page.context().cookies();
    expect(copied.some((c) => c.name.endsWith("next-auth.session-token"))).toBe(true);
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/signin/);
    // Someone who copied the cookie before sign-out replays it in another browser.
    const replay = await browser.newContext({ baseURL: process.env.E2E_BASE_URL });
    await replay.addCookies(copied);
    const replayed = await replay.newPage();
    await replayed.goto("/principals");
    await expect(replayed).toHaveURL(/\/signin\?callbackUrl=%2Fprincipals/);
    expect((await replay.request.get("/api/export/keys")).status()).toBe(401);
    const session = await (await replay.request.get("/api/auth/session")).json();
    expect(session?.user).toBeUndefined();
    await replay.close();
  });

  test("a user whose groups map to no role is refused with a clear page, and the refusal is audited", async ({ page, db }) => {
    await signIn(page, "unmapped");
    await expect(page).toHaveURL(/\/auth\/refused$/);
    await expect(page.getByTestId("refused")).toContainText("none of your identity provider groups is mapped");
    await page.goto("/");
    await expect(page).toHaveURL(/\/signin/);
    // The groups the IdP sent are in the audit event, not in the page's URL.
    const { rows } = await db.query("SELECT details FROM audit_event WHERE action = 'auth.sign-in-refused' AND actor_email = 'nora@acme.example'");
    expect(rows.length).toBeGreaterThan(0);
    expect(rows[0].details.groups).toEqual(["contractors"]);
  });

  test("signed-out pages never echo request text", async ({ page }) => {
    const planted = "Call 555-0100 to restore your account";
    await page.goto(`/auth/refused?groups=${encodeURIComponent(planted)}`);
    await expect(page.getByTestId("refused")).toBeVisible();
    await expect(page.locator("body")).not.toContainText("555-0100");
    await page.goto(`/auth/error?error=${encodeURIComponent(planted)}`);
    await expect(page.getByTestId("auth-error")).toContainText("Sign-in failed. Try again");
    await expect(page.locator("body")).not.toContainText("555-0100");
    await page.goto("/auth/error?error=OAuthCallback");
    await expect(page.getByTestId("auth-error")).toContainText("could not be verified");
    await page.goto("/auth/error?error=constructor");
    await expect(page.getByTestId("auth-error")).toContainText("Sign-in failed. Try again");
  });

  test("a wrong password at the IdP does not sign in", async ({ page }) => {
    await page.goto("/signin");
    await page.getByRole("button", { name: /Sign in with/ }).click();
    await page.fill("#username", "ada.admin");
    await page.fill("#password", "not-the-password");
    await page.click("button[type=submit]");
    await expect(page.getByRole("alert")).toContainText("wrong password");
  });
});
