import { s3BucketsCollector } from "./s3-buckets";
import { kmsKeysCollector } from "./kms-keys";
import { sqsQueuesCollector } from "./sqs-queues";
import { snsTopicsCollector } from "./sns-topics";
import { secretsCollector } from "./secrets";
import { lambdaFunctionsCollector } from "./lambda-functions";
import { lambdaLayersCollector } from "./lambda-layers";
import { ecrRepositoriesCollector } from "./ecr-repositories";
import { dynamodbTablesCollector } from "./dynamodb-tables";
import { efsFileSystemsCollector } from "./efs-file-systems";
import { ebsSnapshotsCollector } from "./ebs-snapshots";
import { rdsDbSnapshotsCollector } from "./rds-db-snapshots";
import { rdsClusterSnapshotsCollector } from "./rds-cluster-snapshots";
import type { TResourceCollector } from "./types";

/** Every regional resource collector: the resource types IAM Access Analyzer checks for external access. */
export const RESOURCE_COLLECTORS: TResourceCollector[] = [
  s3BucketsCollector, kmsKeysCollector, sqsQueuesCollector, snsTopicsCollector, secretsCollector, lambdaFunctionsCollector,
  lambdaLayersCollector, ecrRepositoriesCollector, dynamodbTablesCollector, efsFileSystemsCollector, ebsSnapshotsCollector,
  rdsDbSnapshotsCollector, rdsClusterSnapshotsCollector,
];
