import { createHash } from "node:crypto";

// The audit trail's hash chain. Postgres computes each event's hash on insert (the
// audit_event_chain trigger, prisma/migrations/…_sessions_audit_chain); this module
// computes the same thing, so the chain can be checked from the database, the console, or
// an exported file without the database. Each field is written as
// "<UTF-8 byte length>:<text>," (NULL as "-,"), in CHAIN_FIELDS order after the previous
// event's hash, and hash = hex(SHA-256(that string)).

/** Before the first event. */
export const GENESIS_HASH = "0".repeat(64);

/** The hashed fields, in order, and the SQL that renders each exactly as the trigger does. */
export const CHAIN_FIELDS = [
  { name: "id", sql: "id::text" },
  { name: "at", sql: `to_char(at, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')` },
  { name: "actor_id", sql: "actor_id" },
  { name: "actor_email", sql: "actor_email" },
  { name: "actor_roles", sql: "array_to_json(actor_roles)::text" },
  { name: "action", sql: "action" },
  { name: "target_type", sql: "target_type" },
  { name: "target_id", sql: "target_id" },
  { name: "details", sql: "details::text" },
  { name: "ip", sql: "ip" },
  { name: "user_agent", sql: "user_agent" },
] as const;

export type TChainFieldName = (typeof CHAIN_FIELDS)[number]["name"];
export type TChainRow = Record<TChainFieldName, string | null> & { prev_hash: string; hash: string };

/** SELECT list giving every chained field as text under its name, plus prev_hash and hash. */
export const CHAIN_SELECT_SQL = [...CHAIN_FIELDS.map((f) => `${f.sql} AS "${f.name}"`), "prev_hash", "hash"].join(", ");

function field(value: string | null): string {
  return value === null ? "-," : `${Buffer.byteLength(value, "utf8")}:${value},`;
}

/** The hash an event must carry, given the previous event's hash. */
export function computeEventHash(options: { row: Record<TChainFieldName, string | null>; prevHash: string }): string {
  const text = field(options.prevHash) + CHAIN_FIELDS.map((f) => field(options.row[f.name])).join("");
  return createHash("sha256").update(text, "utf8").digest("hex");
}

export type TChainBreak = {
  /** The first event whose link does not hold. */
  id: string;
  reason: "hash-mismatch" | "prev-hash-mismatch" | "head-mismatch";
  message: string;
};

export type TChainVerdict = { ok: true; events: number; lastHash: string } | { ok: false; events: number; broken: TChainBreak };

/**
 * Walks rows in chain (id) order. A row whose content changed fails "hash-mismatch"; a
 * removed or reordered row fails "prev-hash-mismatch" at the row after the gap. With a
 * `head` (the database's newest link), removed rows at the end fail too.
 */
export class ChainVerifier {
  private previous: string;
  private count = 0;
  private broken: TChainBreak | null = null;

  constructor(options: { startHash?: string } = {}) {
    this.previous = options.startHash ?? GENESIS_HASH;
  }

  /** Feeds the next row; returns false once the chain is broken (later rows are not checked). */
  push(row: TChainRow): boolean {
    if (this.broken) return false;
    this.count++;
    const id = row.id ?? "?";
    if (row.prev_hash !== this.previous) {
      this.broken = { id, reason: "prev-hash-mismatch", message: `event ${id} links to ${row.prev_hash.slice(0, 12)}… but the event before it hashes to ${this.previous.slice(0, 12)}…: an event before it was removed, inserted or reordered` };
      return false;
    }
    const expected = computeEventHash({ row, prevHash: row.prev_hash });
    if (expected !== row.hash) {
      this.broken = { id, reason: "hash-mismatch", message: `event ${id} was changed after it was written: its content hashes to ${expected.slice(0, 12)}…, the stored hash is ${row.hash.slice(0, 12)}…` };
      return false;
    }
    this.previous = row.hash;
    return true;
  }

  finish(options: { head?: { lastId: string; lastHash: string } } = {}): TChainVerdict {
    if (this.broken) return { ok: false, events: this.count, broken: this.broken };
    const head = options.head;
    if (head && head.lastHash !== this.previous) {
      return { ok: false, events: this.count, broken: { id: head.lastId, reason: "head-mismatch", message: `the chain's newest link is event ${head.lastId} (${head.lastHash.slice(0, 12)}…), but the last event present hashes to ${this.previous.slice(0, 12)}…: events at the end were removed` } };
    }
    return { ok: true, events: this.count, lastHash: this.previous };
  }
}
