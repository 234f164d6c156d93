import { z } from "zod";
import type { TApiRoute } from "./define-api-route";
import { ZApiError } from "./response-schemas";

const COMPONENT_REF = (id: string) => `#/components/schemas/${id}`;
const JSON_SCHEMA = { target: "draft-2020-12", unrepresentable: "any", uri: COMPONENT_REF } as const;

type TSchemaObject = Record<string, unknown>;

function idOf(schema: z.ZodType): string | undefined {
  return z.globalRegistry.get(schema)?.id as string | undefined;
}

function parametersOf(schema: z.ZodType, where: "query" | "path"): TSchemaObject[] {
  const shape = (schema as unknown as z.ZodObject).shape ?? {};
  return Object.entries(shape).map(([name, field]) => {
    const json = z.toJSONSchema(field as z.ZodType, { ...JSON_SCHEMA, io: "input" }) as TSchemaObject;
    const { $schema: _schema, description, ...rest } = json;
    // A parameter is optional when leaving it out is valid (a default or .optional()).
    const required = where === "path" || !(field as z.ZodType).safeParse(undefined).success;
    return { name, in: where, required, ...(description ? { description } : {}), schema: rest };
  });
}

/**
 * The OpenAPI 3.1 document of the API, made from the same zod schemas that validate each
 * request and shape each response (zod 4's JSON Schema output is draft 2020-12, the dialect
 * OpenAPI 3.1 uses). Response schemas with an id become components, referenced by $ref.
 */
export function buildOpenApiDocument(options: { routes: Record<string, TApiRoute>; serverUrl?: string }) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of Object.values(options.routes)) {
    const id = idOf(route.response);
    if (!id) throw new Error(`${route.path}: its response schema needs .meta({ id }) to be a component`);
    const errors = Object.fromEntries([
      ["400", "a parameter is malformed or unknown"], ...(route.permission ? [["401", "no token, or an unknown, expired or revoked one"], ["403", "the token's role does not allow this"]] : []), ["404", "not found"],
    ].map(([status, description]) => [status, { description, content: { "application/json": { schema: { $ref: COMPONENT_REF("Error") } } } }]));
    paths[route.path] = {
      get: {
        operationId: route.operationId, summary: route.summary, tags: [route.tag],
        ...(route.permission ? { security: [{ bearerToken: [] }], "x-permission": route.permission } : { security: [] }),
        parameters: [...parametersOf(route.params, "path"), ...parametersOf(route.query, "query")],
        responses: { "200": { description: "OK", content: { "application/json": { schema: { $ref: COMPONENT_REF(id) } } } }, ...errors },
      },
    };
  }
  // Every schema given an id (response-schemas.ts, ocsf-schema.ts) is a component; nested
  // ones become $refs between components.
  if (idOf(ZApiError) !== "Error") throw new Error("the Error schema lost its id");
  const { schemas } = z.toJSONSchema(z.globalRegistry, { ...JSON_SCHEMA, io: "output" }) as { schemas: Record<string, TSchemaObject> };
  for (const schema of Object.values(schemas)) delete schema.$schema;
  return {
    openapi: "3.1.0",
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    info: {
      title: "Access Atlas API", version: "1",
      description: "Read-only access to what the console shows. Authenticate with an API token created by an admin under Settings → API tokens: `Authorization: Bearer aat_…`. A token carries the viewer or auditor role and is authorised through the console's permission table.",
    },
    ...(options.serverUrl ? { servers: [{ url: options.serverUrl }] } : {}),
    paths,
    components: { schemas, securitySchemes: { bearerToken: { type: "http", scheme: "bearer", description: "An Access Atlas API token (aat_…)" } } },
  };
}
