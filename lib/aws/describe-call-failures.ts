/** Where a call went and what came back, attached to every error a client throws. */
export type TCallDescription = {
  service: string;
  operation: string;
  endpoint: string | null;
  status: number | null;
  contentType: string | null;
};

type THandlerContext = { clientName?: string; commandName?: string; atlasCall?: TCallDescription };
type TRequest = { protocol?: string; hostname?: string; port?: number; path?: string };
type TResponse = { statusCode?: number; headers?: Record<string, string> };
type TMiddlewareClient = {
  middlewareStack: { add: (middleware: any, options: { step: "initialize" | "deserialize"; priority: "high" | "low"; name: string }) => void };
};

const DESCRIBED = Symbol.for("access-atlas.call-described");

export function callDescriptionOf(error: unknown): TCallDescription | undefined {
  return (error as { atlasCall?: TCallDescription } | undefined)?.atlasCall;
}

function endpointOf(request: TRequest): string | null {
  if (!request?.hostname) return null;
  return `${request.protocol ?? "https:"}//${request.hostname}${request.port ? `:${request.port}` : ""}${request.path ?? "/"}`;
}

function headerOf(response: TResponse, name: string): string | null {
  const headers = response.headers ?? {};
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  return key ? headers[key] : null;
}

/** An answer no AWS protocol gives: an HTML page (a portal, proxy or login page instead of the API). */
export class UnexpectedResponseError extends Error {
  override readonly name = "UnexpectedResponse";
  constructor(description: TCallDescription) {
    super(`answered ${description.contentType} (HTTP ${description.status}), not an AWS API response: the endpoint does not serve ${description.service} ${description.operation}`);
  }
}

/**
 * Makes every failure of the client say which service and operation it was, at which
 * endpoint, and what came back (HTTP status and content type): "SyntaxError: Unexpected
 * token '<'" alone names nothing. The inner middleware (closest to the wire) records the
 * request and response; the outer one rewrites the error message once, keeping the
 * error's name so callers still classify it (AccessDenied, Throttling, ...).
 */
export function describeCallFailures<T extends TMiddlewareClient>(client: T): T {
  client.middlewareStack.add(
    (next: (args: { request: TRequest }) => Promise<{ response: TResponse }>, context: THandlerContext) => async (args: { request: TRequest }) => {
      const description: TCallDescription = {
        service: (context.clientName ?? "AWS").replace(/Client$/, ""),
        operation: (context.commandName ?? "call").replace(/Command$/, ""),
        endpoint: endpointOf(args.request), status: null, contentType: null,
      };
      context.atlasCall = description;
      const result = await next(args);
      description.status = result.response?.statusCode ?? null;
      description.contentType = headerOf(result.response ?? {}, "content-type");
      if (description.contentType && /text\/html/i.test(description.contentType)) throw new UnexpectedResponseError(description);
      return result;
    },
    { step: "deserialize", priority: "low", name: "atlasRecordCall" },
  );
  client.middlewareStack.add(
    (next: (args: unknown) => Promise<unknown>, context: THandlerContext) => async (args: unknown) => {
      try {
        return await next(args);
      } catch (error) {
        const e = error as Error & { atlasCall?: TCallDescription; [DESCRIBED]?: boolean; $metadata?: { httpStatusCode?: number }; $response?: TResponse };
        const call = context.atlasCall;
        if (!call || typeof e !== "object" || e === null || e[DESCRIBED]) throw error;
        call.status ??= e.$metadata?.httpStatusCode ?? e.$response?.statusCode ?? null;
        call.contentType ??= e.$response ? headerOf(e.$response, "content-type") : null;
        const answered = call.status === null ? "no response" : `HTTP ${call.status}${call.contentType ? ` ${call.contentType}` : ""}`;
        e.atlasCall = call;
        e[DESCRIBED] = true;
        e.message = `${call.service} ${call.operation} at ${call.endpoint ?? "(endpoint not resolved)"} (${answered}): ${e.name && e.name !== "Error" ? `${e.name}: ` : ""}${e.message}`;
        throw e;
      }
    },
    { step: "initialize", priority: "high", name: "atlasDescribeFailures" },
  );
  return client;
}
