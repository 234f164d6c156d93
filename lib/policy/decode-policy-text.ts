import { PolicyParseError } from "./policy-parse-error";

// IAM returns documents URL-encoded (RFC 3986) from GetAccountAuthorizationDetails and
// GetPolicyVersion, while Organizations and most exports return plain JSON.
export function decodePolicyText(options: { text: string; policyId?: string }): unknown {
  let text = options.text.trim();
  if (text === "") {
    throw new PolicyParseError({ code: "invalid-json", policyId: options.policyId, message: "policy document is an empty string" });
  }
  if (!text.startsWith("{") && /%[0-9a-fA-F]{2}/.test(text)) {
    try {
      text = decodeURIComponent(text).trim();
    } catch {
      throw new PolicyParseError({
        code: "invalid-encoding",
        policyId: options.policyId,
        message: "policy document looks URL-encoded but contains a broken %-escape",
      });
    }
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new PolicyParseError({
      code: "invalid-json",
      policyId: options.policyId,
      message: `policy document is not valid JSON (${(error as Error).message})`,
    });
  }
}
