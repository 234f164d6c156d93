import type { z } from "zod";
import { ConsoleError } from "../console/console-error";

export type TRequestOrigin = { ip: string | null; userAgent: string | null };

/** The caller's address (x-forwarded-for's first hop, from the TLS proxy) and user agent. */
export function originFromHeaders(headers: Headers): TRequestOrigin {
  const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return { ip: forwarded || headers.get("x-real-ip") || null, userAgent: headers.get("user-agent") };
}

/** Parses `value` or throws a 400 ConsoleError naming each bad parameter. */
export function parseOrInvalid<S extends z.ZodType>(schema: S, value: unknown, where: "query" | "path"): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => {
    if (issue.code === "unrecognized_keys") return `unknown ${where} parameter${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => `"${k}"`).join(", ")}`;
    return `${where} parameter "${issue.path.join(".")}": ${issue.message}`;
  });
  throw new ConsoleError("invalid", problems.join("; "));
}
