import Link from "next/link";

export default async function RefusedPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const groups = ((await searchParams).groups ?? "").split(",").filter(Boolean);
  return (
    <div className="center-box" data-testid="refused">
      <h1>No access to Access Atlas</h1>
      <p>You signed in, but none of your identity provider groups is mapped to an Access Atlas role (admin, auditor, reviewer or viewer), so you cannot use the console.</p>
      <p className="muted">Your groups: {groups.length ? groups.map((g) => <code key={g}>{g} </code>) : "none were sent"}.</p>
      <p className="muted">Ask an Access Atlas administrator to add one of your groups to <code>ROLE_MAP</code>. The refused sign-in was recorded in the audit log.</p>
      <Link href="/signin">Back to sign-in</Link>
    </div>
  );
}
