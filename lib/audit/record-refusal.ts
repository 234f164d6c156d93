import "server-only";
import { getDb } from "../db/client";
import { outsideRequest } from "../log/request-context";
import { recordAuditEvent } from "./record-audit-event";
import { RefusalAggregator, type TRefusal, type TRefusalRecord } from "./refusal-aggregator";

const WINDOW_MS = 10 * 60_000;

async function writeRefusal(record: TRefusalRecord): Promise<void> {
  const who = record.actor.email ?? record.actor.id;
  const repeated = record.summary ? ` ${record.count} more times between ${record.firstAt.toISOString()} and ${record.lastAt.toISOString()}` : "";
  console.warn(`access refused${repeated}: ${who} (${record.actor.roles.join(", ") || "no role"}) ${record.targetType} ${record.target}: ${record.reason}`);
  await recordAuditEvent({
    db: getDb().pool,
    event: {
      actor: record.actor, action: "access.refused", targetType: record.targetType, targetId: record.target.slice(0, 500),
      details: { reason: record.reason.slice(0, 500), count: record.count, ...(record.summary && { repeats: true, firstAt: record.firstAt.toISOString(), lastAt: record.lastAt.toISOString() }) },
      origin: record.origin,
      // The first refusal is the request being served (its id by default); a summary counts
      // later requests, and is written by whichever request or sweep closes the window.
      requestId: record.summary ? null : undefined,
    },
  }).catch((error: Error) => console.error(`audit: could not record a refused request: ${error.message}`));
}

const KEY = Symbol.for("access-atlas.refusal-aggregator");
type TGlobal = typeof globalThis & { [KEY]?: RefusalAggregator };

/** One aggregator per server process (route bundles share it), swept once per window. */
function aggregator(): RefusalAggregator {
  const global = globalThis as TGlobal;
  if (!global[KEY]) {
    const created = new RefusalAggregator({ write: writeRefusal, windowMs: WINDOW_MS });
    // Created while serving a request: outside it, or every sweep would run in that request's context.
    outsideRequest(() => setInterval(() => void created.sweep(), WINDOW_MS / 2).unref());
    global[KEY] = created;
  }
  return global[KEY];
}

/** Records a refused page, API call or server action (aggregated per actor, target and reason). */
export async function recordRefusal(refusal: TRefusal): Promise<void> {
  await aggregator().refuse(refusal);
}
