import http from "node:http";
import type { AddressInfo } from "node:net";
import type pg from "pg";
import { renderMetrics } from "./render-metrics";

/** The worker's metrics on an internal port (GET /metrics, no token: bind it where only Prometheus reaches). */
export async function serveMetrics(options: { pool: pg.Pool; port: number; host?: string }): Promise<{ url: string; stop: () => Promise<void> }> {
  const server = http.createServer((request, response) => {
    if (request.method !== "GET" || request.url !== "/metrics") return void response.writeHead(404).end();
    renderMetrics({ pool: options.pool }).then(
      ({ body, contentType }) => response.writeHead(200, { "content-type": contentType }).end(body),
      (error: Error) => response.writeHead(500, { "content-type": "text/plain" }).end(`metrics failed: ${error.message}`),
    );
  });
  await new Promise<void>((resolve) => server.listen(options.port, options.host ?? "127.0.0.1", resolve));
  const address = server.address() as AddressInfo;
  return { url: `http://${address.address}:${address.port}/metrics`, stop: () => new Promise((r) => server.close(() => r())) };
}
