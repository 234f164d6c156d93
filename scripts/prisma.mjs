// Runs the Prisma CLI offline. The CLI falls back to downloading an engine when
// DATABASE_URL is unset, so `generate` (which needs no database) gets a placeholder.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const cli = require.resolve("prisma/build/index.js");
const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: "1", CHECKPOINT_DISABLE: "1" };
env.DATABASE_URL ??= "postgresql://placeholder@127.0.0.1:1/placeholder";
const result = spawnSync(process.execPath, [cli, ...process.argv.slice(2)], { stdio: "inherit", env });
process.exit(result.status ?? 1);
