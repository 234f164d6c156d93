import http from "node:http";

// Next.js gives route handlers no socket address, and fills X-Forwarded-For with it only
// when the caller sent none. So the console's server process stamps each incoming request
// with its socket's peer address in PEER_ADDRESS_HEADER, replacing any value a caller sent;
// the audit trail reads it only when this process installed the stamp.

export const PEER_ADDRESS_HEADER = "x-atlas-peer-address";

const INSTALLED = Symbol.for("access-atlas.peer-address-stamp");
type TGlobal = typeof globalThis & { [INSTALLED]?: boolean };

/** Called once from instrumentation.ts in the Node.js server. */
export function installPeerAddressStamp(): void {
  const global = globalThis as TGlobal;
  if (global[INSTALLED]) return;
  const emit = http.Server.prototype.emit;
  http.Server.prototype.emit = function stampPeerAddress(this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event === "request") {
      const request = args[0] as http.IncomingMessage;
      const address = request.socket?.remoteAddress;
      if (address) request.headers[PEER_ADDRESS_HEADER] = address;
      else delete request.headers[PEER_ADDRESS_HEADER];
    }
    return (emit as (...all: unknown[]) => boolean).apply(this, [event, ...args]);
  } as typeof emit;
  global[INSTALLED] = true;
}

/** The stamped peer address, or null when the stamp is not installed (then the header may be forged). */
export function peerAddressOf(headers: Headers): string | null {
  return (globalThis as TGlobal)[INSTALLED] ? headers.get(PEER_ADDRESS_HEADER) : null;
}
