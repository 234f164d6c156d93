// awsQuery protocol (STS, IAM): form-encoded requests, XML responses and errors.

export const XMLNS: Record<string, string> = {
  sts: "https://sts.amazonaws.com/doc/2011-06-15/",
  iam: "https://iam.amazonaws.com/doc/2010-05-08/",
  sns: "http://sns.amazonaws.com/doc/2010-03-31/",
  rds: "http://rds.amazonaws.com/doc/2014-10-31/",
};

/** Read access to form parameters, including `Name.member.N` lists. */
export class QueryParams {
  constructor(private readonly p: URLSearchParams) {}
  str(name: string): string | undefined {
    return this.p.get(name) ?? undefined;
  }
  int(name: string): number | undefined {
    const v = this.p.get(name);
    if (v === null || v === "") return undefined;
    const n = Number(v);
    return Number.isFinite(n) ? n : NaN;
  }
  list(name: string): string[] {
    const out: Array<[number, string]> = [];
    const prefix = `${name}.member.`;
    for (const [k, v] of this.p) if (k.startsWith(prefix)) out.push([Number(k.slice(prefix.length)), v]);
    return out.sort((a, b) => a[0] - b[0]).map((x) => x[1]);
  }
  /** EC2-style lists: `Name.N` without `member`. */
  flatList(name: string): string[] {
    const out: Array<[number, string]> = [];
    const re = new RegExp(`^${name}\\.(\\d+)$`);
    for (const [k, v] of this.p) {
      const m = re.exec(k);
      if (m) out.push([Number(m[1]), v]);
    }
    return out.sort((a, b) => a[0] - b[0]).map((x) => x[1]);
  }
}

/** A map rendered as <entry><key/><value/></entry> (e.g. IAM SummaryMap). */
export class XmlMap {
  constructor(readonly entries: Array<[string, unknown]>) {}
}

/** A list whose members have their own element name (RDS: <DBSnapshots><DBSnapshot>…). */
export class XmlList {
  constructor(readonly member: string, readonly items: unknown[]) {}
}

const ESC: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;", "\r": "&#13;" };
export function esc(s: string): string {
  return s.replace(/[&<>"'\r]/g, (c) => ESC[c]);
}

function renderValue(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "string") return esc(v);
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  if (Array.isArray(v)) {
    let s = "";
    for (const m of v) s += `<member>${renderValue(m)}</member>`;
    return s;
  }
  if (v instanceof XmlList) return v.items.map((m) => `<${v.member}>${renderValue(m)}</${v.member}>`).join("");
  if (v instanceof XmlMap) {
    let s = "";
    for (const [k, val] of v.entries) s += `<entry><key>${esc(k)}</key><value>${renderValue(val)}</value></entry>`;
    return s;
  }
  return renderFields(v as Record<string, unknown>);
}

/** render an object's fields as child elements, skipping undefined */
export function renderFields(obj: Record<string, unknown>): string {
  let s = "";
  for (const k in obj) {
    const v = obj[k];
    if (v === undefined || v === null) continue;
    s += `<${k}>${renderValue(v)}</${k}>`;
  }
  return s;
}

export function queryResponse(service: string, action: string, result: Record<string, unknown> | undefined, requestId: string): string {
  const body = result === undefined ? "" : `<${action}Result>${renderFields(result)}</${action}Result>`;
  return `<${action}Response xmlns="${XMLNS[service] ?? XMLNS.iam}">${body}<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`;
}

export function queryError(service: string, code: string, message: string, status: number, requestId: string): string {
  const type = status >= 500 ? "Receiver" : "Sender";
  return `<ErrorResponse xmlns="${XMLNS[service] ?? XMLNS.iam}"><Error><Type>${type}</Type><Code>${esc(code)}</Code><Message>${esc(message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`;
}
