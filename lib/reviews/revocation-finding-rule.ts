import type { TFindingRule } from "../analysis/findings/make-finding";

/** Raised by checkRemediations, not by runFindings: a revocation signed off in a review is still in place after its due date. */
export const REVIEW_REVOCATION_NOT_DONE: TFindingRule = {
  id: "review-revocation-not-done",
  category: "admin",
  title: "Access revoked in a review is still present",
  description: "An access review decided to revoke this access and was signed off, yet the access is still present in a snapshot taken after the campaign's due date.",
  severity: "high",
  cisControl: null,
  remediation: "Carry out the remediation listed on the review campaign (the AWS CLI commands there), or record why the access must stay in a new review.",
};
