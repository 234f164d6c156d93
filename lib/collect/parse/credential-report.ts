import { parse } from "csv-parse/sync";

export type TCredentialReportRow = {
  user: string;
  arn: string;
  isRoot: boolean;
  userCreationTime: string | null;
  passwordEnabled: boolean | null;
  passwordLastUsed: string | null;
  passwordLastChanged: string | null;
  passwordNextRotation: string | null;
  mfaActive: boolean;
  accessKeys: Array<{ slot: 1 | 2; active: boolean; lastRotated: string | null; lastUsedDate: string | null; lastUsedRegion: string | null; lastUsedService: string | null }>;
  certificates: Array<{ slot: 1 | 2; active: boolean; lastRotated: string | null }>;
};

const REQUIRED = ["user", "arn", "password_enabled", "mfa_active", "access_key_1_active", "access_key_2_active"];

/** AWS writes N/A, not_supported or no_information where a value does not apply. */
function value(raw: string | undefined): string | null {
  if (raw === undefined) return null;
  const trimmed = raw.trim();
  return trimmed === "" || trimmed === "N/A" || trimmed === "not_supported" || trimmed === "no_information" ? null : trimmed;
}

function bool(raw: string | undefined): boolean | null {
  const v = value(raw);
  return v === null ? null : v.toLowerCase() === "true";
}

/** Parses the credential report CSV (root row included); a wrong header names what is missing. */
export function parseCredentialReport(csv: string): TCredentialReportRow[] {
  const rows: Record<string, string>[] = parse(csv, { columns: true, skip_empty_lines: true, trim: true, bom: true });
  if (rows.length === 0) return [];
  const missing = REQUIRED.filter((column) => !(column in rows[0]));
  if (missing.length) throw new Error(`credential report: missing column(s) ${missing.join(", ")}`);
  return rows.map((row) => ({
    user: row.user,
    arn: row.arn,
    isRoot: row.user === "<root_account>",
    userCreationTime: value(row.user_creation_time),
    passwordEnabled: bool(row.password_enabled),
    passwordLastUsed: value(row.password_last_used),
    passwordLastChanged: value(row.password_last_changed),
    passwordNextRotation: value(row.password_next_rotation),
    mfaActive: bool(row.mfa_active) ?? false,
    accessKeys: ([1, 2] as const).map((slot) => ({
      slot,
      active: bool(row[`access_key_${slot}_active`]) ?? false,
      lastRotated: value(row[`access_key_${slot}_last_rotated`]),
      lastUsedDate: value(row[`access_key_${slot}_last_used_date`]),
      lastUsedRegion: value(row[`access_key_${slot}_last_used_region`]),
      lastUsedService: value(row[`access_key_${slot}_last_used_service`]),
    })),
    certificates: ([1, 2] as const).map((slot) => ({
      slot,
      active: bool(row[`cert_${slot}_active`]) ?? false,
      lastRotated: value(row[`cert_${slot}_last_rotated`]),
    })),
  }));
}
