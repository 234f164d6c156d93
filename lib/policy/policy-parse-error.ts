export type PolicyParseErrorCode =
  | "invalid-input"
  | "invalid-encoding"
  | "invalid-json"
  | "invalid-document"
  | "invalid-statement";

// Raised instead of ever returning an empty policy: an unreadable document that evaluated
// as "grants nothing" would hide access.
export class PolicyParseError extends Error {
  readonly code: PolicyParseErrorCode;
  readonly policyId?: string;
  // Where in the document, e.g. "Statement[2].Effect".
  readonly path?: string;

  constructor(options: { code: PolicyParseErrorCode; message: string; policyId?: string; path?: string }) {
    const where = [options.policyId, options.path].filter(Boolean).join(" ");
    super(where ? `${where}: ${options.message}` : options.message);
    this.name = "PolicyParseError";
    this.code = options.code;
    this.policyId = options.policyId;
    this.path = options.path;
  }
}
