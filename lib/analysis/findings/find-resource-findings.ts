import type { TResourceAnalysis } from "../resources/resource-results";
import type { TFinding } from "../results";
import { findKmsKeysUsableOutside } from "./find-kms-keys-usable-outside";
import { findPublicLambdaFunctions } from "./find-public-lambda-functions";
import { findPublicResources } from "./find-public-resources";
import { findPublicSnapshots } from "./find-public-snapshots";
import { findResourcesSharedOutside } from "./find-resources-shared-outside";

/** Every resource rule over the analysed resources. */
export function findResourceFindings(options: { resources: TResourceAnalysis[] }): TFinding[] {
  return [
    ...findPublicResources(options),
    ...findPublicSnapshots(options),
    ...findPublicLambdaFunctions(options),
    ...findKmsKeysUsableOutside(options),
    ...findResourcesSharedOutside(options),
  ];
}
