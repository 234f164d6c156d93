import "server-only";
import { accessLevelOfAction, findActionIndex, loadActionCatalogue } from "../policy";
import type { TAccessLevel } from "../analysis/results";

// The who-can-reach form's questions, answered from the same action catalogue the analysis
// used (loaded once per process).

/** Service namespace → display name ("s3" → "Amazon S3"). */
export async function loadServiceNames(): Promise<Record<string, string>> {
  const catalogue = await loadActionCatalogue();
  return Object.fromEntries(catalogue.services.map((service) => [service.key, service.name]));
}

/** The catalogue's spelling and access level of `action`, or null when the catalogue does not list it. */
export async function lookupCatalogueAction(options: { action: string }): Promise<{ name: string; service: string; level: TAccessLevel } | null> {
  const catalogue = await loadActionCatalogue();
  const index = findActionIndex({ catalogue, action: options.action });
  if (index === undefined) return null;
  const name = catalogue.actionNames[index];
  return { name, service: name.split(":")[0], level: accessLevelOfAction({ catalogue, action: options.action })! };
}
