import type { TExternalTrust, TFinding } from "../results";
import type { TFindingContext } from "./build-finding-context";
import { findBroadOidcSubjects } from "./find-broad-oidc-subjects";
import { findCrossAccountTrusts } from "./find-cross-account-trusts";
import { findFederationTrusts } from "./find-federation-trusts";
import { findOpenTrusts } from "./find-open-trusts";
import { findServiceTrusts } from "./find-service-trusts";
import { listTrustedParties } from "./list-trusted-parties";
import { mergeDuplicateFindings } from "./merge-duplicate-findings";

/**
 * Trust findings come straight from each role's trust policy (classifyTrust) so they carry
 * the statement as evidence. The access computation's external trusts only contribute
 * vendor names it resolved beyond config.knownVendors; the configuration wins on conflict.
 */
export function findTrustFindings(options: { context: TFindingContext; externalTrusts?: TExternalTrust[] }): TFinding[] {
  const vendors: Record<string, string> = {};
  for (const trust of options.externalTrusts ?? []) {
    const accountId = /(\d{12})/.exec(trust.party)?.[1];
    if (trust.partyKind === "external-account" && trust.knownVendor && accountId) vendors[accountId] = trust.knownVendor;
  }
  Object.assign(vendors, options.context.config.knownVendors);
  const trusts = listTrustedParties({ context: options.context, vendors });
  return mergeDuplicateFindings([
    ...findCrossAccountTrusts({ trusts }),
    ...findOpenTrusts({ trusts }),
    ...findServiceTrusts({ trusts }),
    ...findFederationTrusts({ trusts }),
    ...findBroadOidcSubjects({ trusts }),
  ]);
}
