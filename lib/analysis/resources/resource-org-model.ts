import type { TAccountResourceSettings, TRegionStatus, TResource } from "../../resources/resource-model";
import type { TOrgModel } from "../model";

// The organization model with the data resources the collector adds (lib/resources/
// resource-model.ts). Optional so that models without resources (older snapshots, tests of
// IAM alone) still analyse.
export type TResourceOrgModel = TOrgModel & {
  resources?: TResource[];
  accountResourceSettings?: TAccountResourceSettings[];
  regionStatus?: TRegionStatus[];
};
