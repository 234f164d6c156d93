import Link from "next/link";

/** 404 for addresses outside the console's pages. */
export default function NotFound() {
  return (
    <div className="center-box" data-testid="not-found">
      <h1>Not found</h1>
      <p>Access Atlas has no page at this address.</p>
      <Link href="/">Go to the overview</Link>
    </div>
  );
}
