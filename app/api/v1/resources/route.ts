import { apiRouteHandler } from "@/lib/api/api-route-handler";
import { API_V1_ROUTES } from "@/lib/api/v1-routes";

export const dynamic = "force-dynamic";

/** GET /api/v1/resources */
export const GET = apiRouteHandler(API_V1_ROUTES.listResources);
