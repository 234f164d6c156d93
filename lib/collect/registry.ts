import { authorizationDetailsCollector } from "./collectors/authorization-details";
import { accessKeysCollector } from "./collectors/access-keys";
import { credentialReportCollector } from "./collectors/credential-report";
import { accountSummaryCollector, passwordPolicyCollector } from "./collectors/account-settings";
import { mfaDevicesCollector } from "./collectors/mfa-devices";
import { identityProvidersCollector } from "./collectors/identity-providers";
import { accessAdvisorCollector } from "./collectors/access-advisor";
import { resourcesCollector } from "./collectors/resources-collector";
import type { TAccountCollector } from "./types";

/** Every per-account collector; authorization details first, the rest after it in parallel. */
export const ACCOUNT_COLLECTORS: TAccountCollector[] = [
  authorizationDetailsCollector,
  accessKeysCollector,
  credentialReportCollector,
  accountSummaryCollector,
  passwordPolicyCollector,
  mfaDevicesCollector,
  identityProvidersCollector,
  accessAdvisorCollector,
];

/** The collectors a run uses: COLLECT_RESOURCES=false leaves out data resources. */
export function accountCollectors(options: { resources: boolean }): TAccountCollector[] {
  return options.resources ? [...ACCOUNT_COLLECTORS, resourcesCollector] : ACCOUNT_COLLECTORS;
}
