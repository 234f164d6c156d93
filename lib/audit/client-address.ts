import net from "node:net";

// Which address the audit trail records for a request. X-Forwarded-For is written by
// whoever sent the request, so it only counts through proxies the operator declared
// (TRUSTED_PROXIES); by default no proxy is trusted and the socket's peer address is used.

export type TTrustedProxies =
  | { kind: "none" }
  /** This many proxies of ours stand in front of the console: the client is the address that many hops back. */
  | { kind: "hops"; hops: number }
  /** Proxies by address or CIDR: walk back from the peer while the address is one of them. */
  | { kind: "list"; list: net.BlockList };

function familyOf(address: string): "ipv4" | "ipv6" | null {
  const version = net.isIP(address);
  return version === 4 ? "ipv4" : version === 6 ? "ipv6" : null;
}

/** "1.2.3.4:5678", "[2001:db8::1]:443" and IPv4-mapped "::ffff:1.2.3.4" as plain addresses; null when not an address. */
export function normalizeAddress(raw: string | null | undefined): string | null {
  let text = (raw ?? "").trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(text);
  if (bracketed) text = bracketed[1];
  else if (/^[\d.]+:\d+$/.test(text)) text = text.slice(0, text.lastIndexOf(":"));
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(text);
  if (mapped) text = mapped[1];
  return familyOf(text) ? text.toLowerCase() : null;
}

/** TRUSTED_PROXIES: empty or 0 (trust none), a hop count, or addresses/CIDRs separated by commas. */
export function parseTrustedProxies(value: string | undefined): TTrustedProxies {
  const text = (value ?? "").trim();
  if (text === "" || text === "0") return { kind: "none" };
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    if (hops > 10) throw new Error(`TRUSTED_PROXIES: ${hops} hops is not plausible (at most 10)`);
    return { kind: "hops", hops };
  }
  const list = new net.BlockList();
  for (const entry of text.split(",").map((s) => s.trim()).filter(Boolean)) {
    const [address, prefixText, extra] = entry.split("/");
    const family = familyOf(address);
    const prefix = prefixText === undefined ? undefined : Number(prefixText);
    const maxPrefix = family === "ipv4" ? 32 : 128;
    if (!family || extra !== undefined || (prefix !== undefined && (!/^\d+$/.test(prefixText) || prefix > maxPrefix))) {
      throw new Error(`TRUSTED_PROXIES: "${entry}" is not an IP address or CIDR (write a hop count such as 1, or e.g. 10.0.0.0/8,192.0.2.7)`);
    }
    if (prefix === undefined) list.addAddress(address, family);
    else list.addSubnet(address, prefix, family);
  }
  return { kind: "list", list };
}

/**
 * The client's address: the socket peer, or, through trusted proxies only, the address
 * those proxies say they received the request from (X-Forwarded-For, rightmost first).
 * Null when the peer is unknown: a forwarded value alone is never taken on trust.
 */
export function clientAddress(options: { peer: string | null | undefined; forwardedFor: string | null | undefined; trusted: TTrustedProxies }): string | null {
  const peer = normalizeAddress(options.peer);
  if (!peer) return null;
  if (options.trusted.kind === "none") return peer;
  const forwarded = (options.forwardedFor ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  const chain = [...forwarded, peer];
  if (options.trusted.kind === "hops") {
    // Each trusted hop appended one entry; entries further left were written by the client.
    let index = Math.max(0, chain.length - 1 - options.trusted.hops);
    while (index < chain.length - 1 && !normalizeAddress(chain[index])) index++;
    return normalizeAddress(chain[index]);
  }
  let current = peer;
  for (let index = chain.length - 2; index >= 0; index--) {
    if (!options.trusted.list.check(current, familyOf(current)!)) return current;
    const previous = normalizeAddress(chain[index]);
    if (!previous) return current;
    current = previous;
  }
  return current;
}
