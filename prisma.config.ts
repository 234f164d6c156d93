import path from "node:path";
import { defineConfig } from "prisma/config";
// adapter-pg 6.19 cannot read Postgres `name` columns during migrate (prisma/orm#27403);
// the CLI alone uses adapter-pg 7 through an npm alias. The runtime client stays on 6.19.
import { PrismaPg } from "pg-adapter-migrate";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  // allowExitOnIdle: otherwise every CLI command waits out the pool's 10 s idle timeout.
  adapter: async () =>
    new PrismaPg({ connectionString: process.env.DATABASE_URL, allowExitOnIdle: true, idleTimeoutMillis: 200 }),
});
