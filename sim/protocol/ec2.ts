// The EC2 query protocol: form-encoded requests like awsQuery, but responses without a
// Result wrapper, lists as <item>, lower-camel names, and errors under <Response><Errors>.
import { esc } from "./query";

function render(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (Array.isArray(v)) return v.map((item) => `<item>${render(item)}</item>`).join("");
  if (typeof v === "object") {
    let s = "";
    for (const [k, val] of Object.entries(v as Record<string, unknown>)) if (val !== undefined && val !== null) s += `<${k}>${render(val)}</${k}>`;
    return s;
  }
  return esc(String(v));
}

export function ec2Response(action: string, result: Record<string, unknown>, requestId: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${action}Response xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>${requestId}</requestId>${render(result)}</${action}Response>`;
}

export function ec2Error(code: string, message: string, requestId: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>${esc(code)}</Code><Message>${esc(message)}</Message></Error></Errors><RequestID>${requestId}</RequestID></Response>`;
}
