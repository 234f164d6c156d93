import type { ReactNode } from "react";
import Link from "next/link";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getSessionUser } from "@/lib/auth/get-session-user";
import { can } from "@/lib/auth/permissions";
import { REQUEST_PATH_HEADER } from "@/lib/auth/request-path-header";
import { NAV_LINKS } from "../_components/nav-links";
import { SessionKeepAlive } from "../_components/session-keep-alive";
import { SignOutButton } from "../_components/sign-out-button";

export const dynamic = "force-dynamic";

/** Every console page: signed-in users only (each page still checks its own permission). */
export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const user = await getSessionUser();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent((await headers()).get(REQUEST_PATH_HEADER) ?? "/")}`);
  return (
    <>
      <header className="topbar">
        <Link href="/" className="brand">Access Atlas</Link>
        <nav className="nav" aria-label="Main">
          {NAV_LINKS.filter((link) => can(user, link.permission)).map((link) => <Link key={link.href} href={link.href}>{link.label}</Link>)}
        </nav>
        <div className="whoami">
          <span data-testid="whoami">{user.email ?? user.name} · {user.roles.join(", ")}</span>
          <SignOutButton />
        </div>
      </header>
      <SessionKeepAlive />
      <main>{children}</main>
    </>
  );
}
