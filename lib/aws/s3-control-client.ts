import { S3ControlClient, type S3ControlClientConfig } from "@aws-sdk/client-s3-control";
import type { EndpointV2 } from "@smithy/types";

/**
 * S3 Control addresses `<account id>.s3-control.<region>.amazonaws.com`, and with a custom
 * endpoint (AWS_ENDPOINT_URL_S3_CONTROL / AWS_ENDPOINT_URL, e.g. an emulator on 127.0.0.1)
 * the SDK's rules prefix that endpoint's host the same way, which is no valid host for an
 * IP address and resolves for no emulator. There the endpoint is used as given; the
 * account still travels in the x-amz-account-id header, and requests are signed for s3.
 */
export function s3ControlClient(config: S3ControlClientConfig & { region: string }): S3ControlClient {
  const custom = typeof config.endpoint === "string" ? config.endpoint : process.env.AWS_ENDPOINT_URL_S3_CONTROL ?? process.env.AWS_ENDPOINT_URL;
  if (!custom) return new S3ControlClient(config);
  const endpoint = {
    url: new URL(custom),
    properties: { authSchemes: [{ name: "sigv4", signingName: "s3", signingRegion: config.region, disableDoubleEncoding: true }] },
  } as unknown as EndpointV2;
  return new S3ControlClient({ ...config, endpointProvider: () => endpoint });
}
