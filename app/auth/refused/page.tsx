import Link from "next/link";

// A fixed page: the refused user's groups are in the audit event, not in the URL, so
// nothing a link carries is shown here.
export default function RefusedPage() {
  return (
    <div className="center-box" data-testid="refused">
      <h1>No access to Access Atlas</h1>
      <p>You signed in, but none of your identity provider groups is mapped to an Access Atlas role (admin, auditor, reviewer or viewer), so you cannot use the console.</p>
      <p className="muted">Ask an Access Atlas administrator to add one of your groups to <code>ROLE_MAP</code>. The refused sign-in, with the groups your identity provider sent, was recorded in the audit log.</p>
      <Link href="/signin">Back to sign-in</Link>
    </div>
  );
}
