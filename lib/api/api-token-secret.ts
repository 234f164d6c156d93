import { createHash, randomBytes } from "node:crypto";

/**
 * Tokens look like `aat_<43 base64url chars>` (256 random bits): the prefix lets secret
 * scanners (and people) recognise a leaked Access Atlas token. Only the SHA-256 is stored;
 * a slow hash adds nothing for a secret with this much entropy.
 */
export const API_TOKEN_PREFIX = "aat_";
const TOKEN_PATTERN = /^aat_[A-Za-z0-9_-]{43}$/;

export function generateApiTokenSecret(): string {
  return `${API_TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
}

export function hashApiTokenSecret(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}

export function isWellFormedApiToken(secret: string): boolean {
  return TOKEN_PATTERN.test(secret);
}

/** What lists show of a token: enough to tell two apart, far too little to use. */
export function apiTokenHint(secret: string): string {
  return `${secret.slice(0, 8)}…`;
}
