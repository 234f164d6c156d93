import { ListSAMLProvidersCommand, ListOpenIDConnectProvidersCommand, GetOpenIDConnectProviderCommand } from "@aws-sdk/client-iam";
import type { TAccountCollector } from "../types";

/** SAML and OIDC identity providers that roles of the account can federate through. */
export const identityProvidersCollector: TAccountCollector = {
  name: "identity-providers",
  kinds: ["iam.saml-provider", "iam.oidc-provider"],
  async collect(ctx) {
    const saml = await ctx.iam.send(new ListSAMLProvidersCommand({}), { abortSignal: ctx.signal });
    const oidcList = await ctx.iam.send(new ListOpenIDConnectProvidersCommand({}), { abortSignal: ctx.signal });
    const oidc = await Promise.all((oidcList.OpenIDConnectProviderList ?? []).map((p) => ctx.limit(async () => {
      const detail = await ctx.iam.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: p.Arn }), { abortSignal: ctx.signal });
      return {
        kind: "iam.oidc-provider", key: p.Arn!, name: detail.Url ?? p.Arn!, arn: p.Arn!,
        data: { url: detail.Url, clientIds: [...(detail.ClientIDList ?? [])].sort(), thumbprints: [...(detail.ThumbprintList ?? [])].sort(), createDate: detail.CreateDate?.toISOString() ?? null },
      };
    })));
    return [
      {
        kind: "iam.saml-provider", mode: "replace",
        records: (saml.SAMLProviderList ?? []).map((p) => ({
          kind: "iam.saml-provider", key: p.Arn!, name: p.Arn!.split("/").pop(), arn: p.Arn!,
          data: { validUntil: p.ValidUntil?.toISOString() ?? null, createDate: p.CreateDate?.toISOString() ?? null },
        })),
      },
      { kind: "iam.oidc-provider", mode: "replace", records: oidc },
    ];
  },
};
