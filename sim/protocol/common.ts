// Shared protocol helpers: the error type handlers throw, opaque pagination tokens.

/** Thrown by handlers; rendered in the protocol's own error format. */
export class SimError extends Error {
  constructor(readonly code: string, message: string, readonly status = 400) {
    super(message);
    this.name = code;
  }
}

export function epochSeconds(isoDate: string | number): number {
  return (typeof isoDate === "number" ? isoDate : Date.parse(isoDate)) / 1000;
}

/**
 * Offset pagination with opaque tokens bound to the listing they came from.
 * `scope` identifies the listing (operation + its parameters); a token from another listing is rejected.
 */
export function paginate<T>(
  items: readonly T[],
  token: string | undefined,
  max: number,
  scope: string,
  invalid: () => Error,
): { page: T[]; next?: string } {
  let start = 0;
  if (token) {
    let decoded = "";
    try { decoded = Buffer.from(token, "base64url").toString("utf8"); } catch { throw invalid(); }
    const sep = decoded.lastIndexOf("|");
    const off = Number(decoded.slice(sep + 1));
    if (sep < 0 || decoded.slice(0, sep) !== scope || !Number.isInteger(off) || off < 0 || off > items.length) throw invalid();
    start = off;
  }
  const end = Math.min(items.length, start + max);
  return { page: items.slice(start, end), next: end < items.length ? Buffer.from(`${scope}|${end}`).toString("base64url") : undefined };
}
