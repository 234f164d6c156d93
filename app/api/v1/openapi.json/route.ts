import { buildOpenApiDocument } from "@/lib/api/build-openapi";
import { API_V1_ROUTES } from "@/lib/api/v1-routes";

export const dynamic = "force-dynamic";

/** GET /api/v1/openapi.json: the API's OpenAPI 3.1 document (public: it describes no data). */
export async function GET(): Promise<Response> {
  return Response.json(buildOpenApiDocument({ routes: API_V1_ROUTES, serverUrl: process.env.NEXTAUTH_URL }));
}
