import { ZodError } from "zod";

// The console's one error type: data functions throw it, route handlers and server actions
// translate it in one place (responseForError) instead of guessing from messages.
export const CONSOLE_ERROR_STATUS = {
  unauthenticated: 401,
  forbidden: 403,
  "not-found": 404,
  invalid: 400,
  conflict: 409,
  unavailable: 503,
} as const;

export type TConsoleErrorCode = keyof typeof CONSOLE_ERROR_STATUS;

export class ConsoleError extends Error {
  readonly code: TConsoleErrorCode;

  constructor(code: TConsoleErrorCode, message: string) {
    super(message);
    this.name = "ConsoleError";
    this.code = code;
  }
}

export function isConsoleError(error: unknown): error is ConsoleError {
  return error instanceof ConsoleError;
}

/** A zod failure's issues as one line naming each field ("account: account ids are 12 digits"). */
function describeZodIssues(error: ZodError): string {
  return error.issues.slice(0, 5).map((issue) => `${issue.path.join(".") || "input"}: ${issue.message}`).join("; ");
}

/**
 * Bad input that slipped past a handler's own checks is still the caller's error, not the
 * server's: a zod failure, or Postgres refusing a value (SQLSTATE class 22, data exception:
 * an id out of integer range, text that is no number or date) becomes "invalid" (400).
 */
export function asConsoleError(error: unknown): ConsoleError | null {
  if (isConsoleError(error)) return error;
  if (error instanceof ZodError) return new ConsoleError("invalid", describeZodIssues(error));
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === "string" && /^22[0-9A-Z]{3}$/.test(code) && error instanceof Error) return new ConsoleError("invalid", `invalid input: ${error.message}`);
  return null;
}

/** A JSON error response for a route handler; unexpected errors become a bare 500 (details stay in the log). */
export function responseForError(error: unknown): Response {
  const known = asConsoleError(error);
  if (known) {
    return Response.json({ error: { code: known.code, message: known.message } }, { status: CONSOLE_ERROR_STATUS[known.code] });
  }
  console.error(error);
  return Response.json({ error: { code: "internal", message: "internal error" } }, { status: 500 });
}
