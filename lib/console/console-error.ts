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

/** A JSON error response for a route handler; unexpected errors become a bare 500 (details stay in the log). */
export function responseForError(error: unknown): Response {
  if (isConsoleError(error)) {
    return Response.json({ error: { code: error.code, message: error.message } }, { status: CONSOLE_ERROR_STATUS[error.code] });
  }
  console.error(error);
  return Response.json({ error: { code: "internal", message: "internal error" } }, { status: 500 });
}
