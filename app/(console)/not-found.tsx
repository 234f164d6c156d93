import Link from "next/link";

/** 404 inside the console (notFound() from a page: an unknown id, or a value out of range). */
export default function ConsoleNotFound() {
  return (
    <div className="center-box" data-testid="not-found">
      <h1>Not found</h1>
      <p>Nothing exists at this address: the id or name in it is unknown or not a valid value (an id out of range, a malformed key).</p>
      <Link href="/">Back to the overview</Link>
    </div>
  );
}
