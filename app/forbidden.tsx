import Link from "next/link";

export default function Forbidden() {
  return (
    <div className="center-box" data-testid="forbidden">
      <h1>Not allowed</h1>
      <p>Your Access Atlas role does not allow this page or action.</p>
      <Link href="/">Back to the overview</Link>
    </div>
  );
}
