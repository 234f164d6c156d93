import { parse } from "csv-parse/sync";
import { CHAIN_FIELDS, ChainVerifier, computeEventHash, GENESIS_HASH, type TChainFieldName, type TChainRow, type TChainVerdict } from "./audit-chain";

// Offline check of an audit-log CSV export (the same chain as verifyAuditChain, without the
// database). Two things the CSV cannot carry exactly are undone here: the formula guard
// (a cell starting with = + - @ tab or CR gets a leading ' in every export) and NULL, which
// CSV writes as an empty cell. Such a cell has two possible originals; the row's own hash
// decides which one it was.

const FORMULA_GUARDED = /^'[=+\-@\t\r]/;
const MAX_VARIANTS = 64;

function candidates(cell: string | undefined): Array<string | null> {
  const value = cell ?? "";
  if (value === "") return [null, ""];
  if (FORMULA_GUARDED.test(value)) return [value.slice(1), value];
  return [value];
}

/** The row's fields as the trigger hashed them, or null when no reading matches its hash. */
function restoreRow(record: Record<string, string>): TChainRow | null {
  let variants: Array<Partial<Record<TChainFieldName, string | null>>> = [{}];
  for (const f of CHAIN_FIELDS) {
    const options = candidates(record[f.name]);
    variants = variants.flatMap((v) => options.map((o) => ({ ...v, [f.name]: o }))).slice(0, MAX_VARIANTS);
  }
  const prevHash = record.prev_hash ?? "";
  const hash = record.hash ?? "";
  const match = variants.find((v) => computeEventHash({ row: v as Record<TChainFieldName, string | null>, prevHash }) === hash);
  return { ...(match ?? variants[0]), prev_hash: prevHash, hash } as TChainRow;
}

/**
 * Verifies an exported audit log. `partial`: the export was filtered (or starts after the
 * first event), so only each event's own hash (over its content and its stated prev_hash)
 * is checked; otherwise the whole chain from the first event must hold, in id order.
 */
export function verifyExportedChain(options: { csv: string; partial?: boolean }): TChainVerdict & { missingColumns: string[] } {
  const records = parse(options.csv, { columns: true, skip_empty_lines: true, bom: true }) as Array<Record<string, string>>;
  const needed = [...CHAIN_FIELDS.map((f) => f.name), "prev_hash", "hash"];
  const header = records[0] ? Object.keys(records[0]) : needed;
  const missingColumns = needed.filter((name) => !header.includes(name));
  if (missingColumns.length) return { ok: false, events: 0, broken: { id: "-", reason: "hash-mismatch", message: `the file lacks the chain columns ${missingColumns.join(", ")}: export it again from this version` }, missingColumns };
  const rows = records.map(restoreRow).filter((r): r is TChainRow => r !== null)
    .sort((a, b) => (BigInt(a.id ?? 0) < BigInt(b.id ?? 0) ? -1 : 1));
  if (!options.partial) {
    const verifier = new ChainVerifier({ startHash: GENESIS_HASH });
    for (const row of rows) if (!verifier.push(row)) break;
    return { ...verifier.finish(), missingColumns };
  }
  let events = 0;
  for (const row of rows) {
    events++;
    // Each row is its own one-event chain starting at its stated predecessor.
    const single = new ChainVerifier({ startHash: row.prev_hash });
    if (!single.push(row)) return { ...single.finish(), events, missingColumns };
  }
  return { ok: true, events, lastHash: rows.at(-1)?.hash ?? GENESIS_HASH, missingColumns };
}
