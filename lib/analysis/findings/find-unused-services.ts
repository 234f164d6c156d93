import type { TFinding, TPrincipalAccess } from "../results";
import { ageInDays, daysBefore } from "./age-in-days";
import type { TFindingContext } from "./build-finding-context";
import { makeFinding, type TFindingRule } from "./make-finding";

export const UNUSED_SERVICES: TFindingRule = {
  id: "unused-services",
  category: "unused",
  title: "Granted services not used",
  description: "Services the principal's effective permissions grant but Access Advisor shows no authenticated use of within config.unusedDays before the data's own completion date. Evidence states the window, the data's age and the excess-permission ratio (unused granted services / granted services). Access Advisor counts denied attempts as use, so the unused list is a floor.",
  severity: "low",
  cisControl: null,
  remediation: "Remove the unused services from the principal's policies (IAM Access Analyzer can generate a policy from CloudTrail activity); re-check after the next Access Advisor refresh.",
};

// How far back AWS keeps Access Advisor data; services never used show no date at all.
const ACCESS_ADVISOR_TRACKING_DAYS = 400;

export function findUnusedServices(options: { context: TFindingContext; access: Map<string, TPrincipalAccess> }): TFinding[] {
  const { context } = options;
  const windowDays = context.config.unusedDays;
  const findings: TFinding[] = [];
  for (const access of options.access.values()) {
    const principal = context.principalsByKey.get(access.principalKey);
    const lastAccessed = principal?.lastAccessed;
    if (!principal || !lastAccessed || principal.serviceLinked || access.grantedServices.length === 0) continue;
    const dataDate = new Date(lastAccessed.jobCompletionDate);
    if (Number.isNaN(dataDate.getTime())) continue;
    // A principal younger than the window has not had the chance to use what it holds.
    const principalAgeAtData = ageInDays({ date: principal.createDate, asOf: dataDate });
    if (principalAgeAtData !== null && principalAgeAtData < windowDays) continue;
    const lastUseByService = new Map(lastAccessed.usedServices.map((service) => [service.namespace, service.lastAuthenticated]));
    const unused = access.grantedServices
      .map((namespace) => ({ namespace, lastAuthenticated: lastUseByService.get(namespace) ?? null }))
      .filter((service) => {
        const age = ageInDays({ date: service.lastAuthenticated, asOf: dataDate });
        return age === null || age >= windowDays;
      })
      .sort((a, b) => a.namespace.localeCompare(b.namespace));
    if (unused.length === 0) continue;
    const granted = access.grantedServices.length;
    findings.push(makeFinding({
      rule: UNUSED_SERVICES,
      accountId: access.accountId,
      resourceKey: access.principalKey,
      resourceName: principal.name,
      title: `${principal.name} has not used ${unused.length} of ${granted} granted services in ${windowDays} days`,
      evidence: {
        principalArn: principal.arn,
        windowDays,
        windowStart: daysBefore({ asOf: dataDate, days: windowDays }),
        windowEnd: lastAccessed.jobCompletionDate,
        dataAgeDays: ageInDays({ date: lastAccessed.jobCompletionDate, asOf: context.asOf }),
        trackingPeriodDays: ACCESS_ADVISOR_TRACKING_DAYS,
        grantedServiceCount: granted,
        unusedServiceCount: unused.length,
        excessPermissionRatio: Math.round((unused.length / granted) * 100) / 100,
        unusedServices: unused,
      },
    }));
  }
  return findings;
}
