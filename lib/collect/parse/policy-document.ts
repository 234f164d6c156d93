import { contentHash } from "../../snapshot/canonical-json";

export type TPolicyDocument = { Version?: string; Statement?: unknown; Id?: string; [key: string]: unknown };

/**
 * A policy document as any API returns it: GetAccountAuthorizationDetails and
 * GetRolePolicy send URL-encoded JSON, Organizations and SSO Admin plain JSON, and some
 * emulators decode before sending. Plain JSON is tried first because a decoded document
 * may itself contain `%` characters.
 */
export function decodePolicyDocument(raw: unknown, context = "policy document"): TPolicyDocument {
  if (raw && typeof raw === "object") return raw as TPolicyDocument;
  if (typeof raw !== "string" || raw.trim() === "") throw new Error(`${context}: empty or not a string`);
  const text = raw.trim();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    let decoded: string;
    try {
      decoded = decodeURIComponent(text.replace(/\+/g, "%20"));
    } catch {
      throw new Error(`${context}: neither JSON nor URL-encoded JSON (bad % escape)`);
    }
    try {
      parsed = JSON.parse(decoded);
    } catch (error) {
      throw new Error(`${context}: URL-decoded text is not JSON (${(error as Error).message})`);
    }
  }
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) throw new Error(`${context}: not a JSON object`);
  return parsed as TPolicyDocument;
}

/** Decodes a document, adds it to the run's document set and returns its hash. */
export function registerDocument(options: { documents: Map<string, unknown>; raw: unknown; context: string }): string {
  const document = decodePolicyDocument(options.raw, options.context);
  const hash = contentHash(document);
  options.documents.set(hash, document);
  return hash;
}
