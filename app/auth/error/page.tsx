import Link from "next/link";

// next-auth names the failure with ?error=<code>. Only known codes pick a message; the
// request's text is never shown, so the page cannot be made to say what a phisher wants.
const MESSAGES: Record<string, string> = {
  Configuration: "The sign-in configuration is wrong (issuer, client or secret); the server log names the problem.",
  AccessDenied: "Your identity provider account may not use Access Atlas.",
  Verification: "The sign-in link is no longer valid. Sign in again.",
  OAuthSignin: "The identity provider could not be reached.",
  OAuthCallback: "The identity provider's answer could not be verified. Try again.",
  OAuthCreateAccount: "The identity provider's answer could not be verified. Try again.",
  Callback: "The identity provider's answer could not be verified. Try again.",
  OAuthAccountNotLinked: "This identity is linked to another account.",
  SessionRequired: "Sign in to continue.",
};
const DEFAULT_MESSAGE = "Sign-in failed. Try again; if it keeps failing, the server log has the details.";

export default async function AuthErrorPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const code = (await searchParams).error;
  const message = typeof code === "string" && Object.hasOwn(MESSAGES, code) ? MESSAGES[code] : DEFAULT_MESSAGE;
  return (
    <div className="center-box">
      <h1>Sign-in failed</h1>
      <p className="error-box" role="alert" data-testid="auth-error">{message}</p>
      <Link href="/signin">Try again</Link>
    </div>
  );
}
