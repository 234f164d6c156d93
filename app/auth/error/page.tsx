import Link from "next/link";

const MESSAGES: Record<string, string> = {
  Configuration: "The sign-in configuration is wrong (issuer, client or secret); the server log names the problem.",
  AccessDenied: "Your identity provider account may not use Access Atlas.",
  OAuthCallback: "The identity provider's answer could not be verified. Try again.",
  OAuthSignin: "The identity provider could not be reached.",
};

export default async function AuthErrorPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const error = (await searchParams).error ?? "Default";
  return (
    <div className="center-box">
      <h1>Sign-in failed</h1>
      <p className="error-box" role="alert">{MESSAGES[error] ?? `Sign-in failed (${error}).`}</p>
      <Link href="/signin">Try again</Link>
    </div>
  );
}
