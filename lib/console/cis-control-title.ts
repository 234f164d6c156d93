import { CIS_CONTROLS } from "../reports/cis-controls";

const TITLES = new Map(CIS_CONTROLS.map((control) => [control.id, control.title]));

/** "1.4" → its CIS AWS Foundations v5 title, so a control number is never shown alone. */
export function cisControlTitle(id: string): string {
  return TITLES.get(id) ?? "not a CIS AWS Foundations v5 IAM control";
}

/** The IAM section's controls, for a filter's options ("1.4 Ensure MFA is enabled for the 'root' user account"). */
export const CIS_CONTROL_OPTIONS = CIS_CONTROLS.map((control) => ({ value: control.id, label: `${control.id} ${control.title}` }));
