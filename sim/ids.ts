// Deterministic identifiers, a seeded PRNG and date helpers. No Math.random anywhere in sim/.

/** cyrb128: fast, well-mixed 128-bit non-cryptographic string hash. */
export function hash128(str: string): [number, number, number, number] {
  let h1 = 1779033703, h2 = 3144134277, h3 = 1013904242, h4 = 2773480762;
  for (let i = 0; i < str.length; i++) {
    const k = str.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

const B32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
const HEX = "0123456789abcdef";
const B36 = "0123456789abcdefghijklmnopqrstuvwxyz";

/** `len` characters drawn from `alphabet` (power-of-two or not), deterministic in `key`. */
export function hashChars(key: string, len: number, alphabet: string): string {
  // builds a char-code array and one flat string (repeated += would leave deep cons-string chains)
  const codes = new Array<number>(len);
  let n = 0;
  let round = 0;
  while (n < len) {
    const h = hash128(round === 0 ? key : `${key}#${round}`);
    for (let w = 0; w < 4 && n < len; w++) {
      let v = h[w];
      for (let j = 0; j < 5 && n < len; j++) {
        codes[n++] = alphabet.charCodeAt(v % alphabet.length);
        v = Math.floor(v / alphabet.length);
      }
    }
    round++;
  }
  return String.fromCharCode.apply(null, codes);
}

/** AWS-style unique id: 4-char prefix (AIDA, AROA, AGPA, ANPA, AIPA, AKIA, ASIA) + 17 base32 chars = 21. */
export function uniqueId(prefix: string, key: string): string {
  return prefix + hashChars(key, 17, B32);
}
/** Access key id: AKIA/ASIA + 16 base32 chars = 20. */
export function accessKeyId(prefix: "AKIA" | "ASIA", key: string): string {
  return prefix + hashChars(key, 16, B32);
}
export function secretKey(key: string): string {
  return hashChars(key, 40, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/");
}
export function hexChars(key: string, len: number): string {
  return hashChars(key, len, HEX);
}
export function b36Chars(key: string, len: number): string {
  return hashChars(key, len, B36);
}
/** UUID-shaped deterministic string. */
export function uuidLike(key: string): string {
  const h = hexChars(key, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** sfc32 seeded PRNG. */
export class Prng {
  private a: number; private b: number; private c: number; private d: number;
  constructor(seed: string | number) {
    [this.a, this.b, this.c, this.d] = hash128(String(seed));
    for (let i = 0; i < 12; i++) this.next();
  }
  next(): number {
    this.a >>>= 0; this.b >>>= 0; this.c >>>= 0; this.d >>>= 0;
    let t = (this.a + this.b) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.d = (this.d + 1) | 0;
    t = (t + this.d) | 0;
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }
  /** integer in [min, max] inclusive */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(arr: readonly T[]): T {
    return arr[Math.floor(this.next() * arr.length)];
  }
  /** k distinct elements (k clamped to arr.length) */
  sample<T>(arr: readonly T[], k: number): T[] {
    const n = Math.min(k, arr.length);
    const idx = new Set<number>();
    const out: T[] = [];
    while (out.length < n) {
      const i = Math.floor(this.next() * arr.length);
      if (!idx.has(i)) { idx.add(i); out.push(arr[i]); }
    }
    return out;
  }
}

// ---------- dates ----------
export const DAY_MS = 86_400_000;

/** ISO-8601 with second precision, as AWS returns it: 2024-05-01T10:11:12Z */
export function iso(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(".000Z", "Z");
}
export function daysAgoIso(nowMs: number, days: number): string {
  return iso(nowMs - days * DAY_MS);
}
export function parseIso(s: string): number {
  return Date.parse(s);
}
