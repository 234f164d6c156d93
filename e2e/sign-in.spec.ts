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

  test("a user whose groups map to no role is refused with a clear page, and the refusal is audited", async ({ page, db }) => {
    await signIn(page, "unmapped");
    await expect(page.getByTestId("refused")).toContainText("none of your identity provider groups is mapped");
    await expect(page.getByTestId("refused")).toContainText("contractors");
    await page.goto("/");
    await expect(page).toHaveURL(/\/signin/);
    const { rows } = await db.query("SELECT count(*)::int AS n FROM audit_event WHERE action = 'auth.sign-in-refused' AND actor_email = 'nora@acme.example'");
    expect(rows[0].n).toBeGreaterThan(0);
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
