import { redirect } from "next/navigation";
import { loadAuthEnv } from "@/lib/auth/auth-env";
import { getSessionUser } from "@/lib/auth/get-session-user";
import { safeCallbackPath } from "@/lib/auth/safe-callback-path";
import { SignInButton } from "./sign-in-client";

export const dynamic = "force-dynamic";

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  // Only a path of the console: an open redirect through callbackUrl would be a phishing aid.
  const callbackUrl = safeCallbackPath((await searchParams).callbackUrl);
  if (await getSessionUser()) redirect(callbackUrl);
  const env = loadAuthEnv();
  return (
    <div className="center-box">
      <h1>Access Atlas</h1>
      <p className="muted">Who can reach what across your AWS organization. Sign in with your company identity provider; your groups decide what you may see and do.</p>
      <SignInButton providerName={env.OIDC_PROVIDER_NAME} callbackUrl={callbackUrl} />
    </div>
  );
}
