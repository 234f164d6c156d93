"use client";
import { signIn } from "next-auth/react";

export function SignInButton({ providerName, callbackUrl }: { providerName: string; callbackUrl: string }) {
  return <button type="button" onClick={() => void signIn("oidc", { callbackUrl })}>Sign in with {providerName}</button>;
}
