import fs from "node:fs";
import path from "node:path";
import { test as base, expect, type Page } from "@playwright/test";
import pg from "pg";
import { DEMO_PASSWORD } from "../lib/demo/demo-users";

export { expect };

/** The demo IdP's users by the role they hold (lib/demo/demo-users.ts). */
export const USERS = {
  admin: "ada.admin",
  auditor: "erin.audit",
  reviewer: "jane.doe",
  reviewer2: "alex.chen",
  viewer: "victor.viewer",
  unmapped: "nora.nobody",
} as const;
export type TDemoLogin = keyof typeof USERS;

/** Signs in through the real OIDC flow: the console's sign-in button, the IdP's form, back to the console. */
export async function signIn(page: Page, who: TDemoLogin, options: { to?: string } = {}): Promise<void> {
  await page.goto(`/signin?callbackUrl=${encodeURIComponent(options.to ?? "/")}`);
  await page.getByRole("button", { name: /Sign in with/ }).click();
  await page.waitForURL(/\/interaction\//);
  await page.fill("#username", USERS[who]);
  await page.fill("#password", DEMO_PASSWORD);
  await page.click("button[type=submit]");
  await page.waitForURL((url) => !url.pathname.startsWith("/interaction") && !url.pathname.startsWith("/api/auth"));
}

/** Saves a full-page screenshot under e2e/screenshots/ for reviewers to look at. */
export async function saveScreenshot(page: Page, name: string): Promise<void> {
  const dir = path.join(import.meta.dirname, "screenshots");
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}

export const test = base.extend<{ db: pg.Pool }>({
  baseURL: async ({}, use) => use(process.env.E2E_BASE_URL),
  db: async ({}, use) => {
    const pool = new pg.Pool({ connectionString: process.env.E2E_DATABASE_URL, max: 2 });
    await use(pool);
    await pool.end();
  },
});
