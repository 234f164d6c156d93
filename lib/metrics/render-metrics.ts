import type pg from "pg";
import client from "prom-client";
import { processMetrics } from "./http-metrics";
import { registerDatabaseMetrics } from "./database-metrics";

const globalForRegistry = globalThis as unknown as { atlasScrapeRegistry?: client.Registry };

/** The process's instruments plus the database gauges, merged once per process. */
export function scrapeRegistry(options: { pool: pg.Pool }): client.Registry {
  if (!globalForRegistry.atlasScrapeRegistry) {
    const database = new client.Registry();
    registerDatabaseMetrics({ registry: database, pool: options.pool });
    globalForRegistry.atlasScrapeRegistry = client.Registry.merge([processMetrics().registry, database]);
  }
  return globalForRegistry.atlasScrapeRegistry;
}

/** The Prometheus text exposition of everything this process reports. */
export async function renderMetrics(options: { pool: pg.Pool }): Promise<{ body: string; contentType: string }> {
  const registry = scrapeRegistry(options);
  return { body: await registry.metrics(), contentType: registry.contentType };
}
