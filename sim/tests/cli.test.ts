import { describe, expect, it } from "vitest";
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createInterface } from "node:readline";
import { FIXTURE } from "./helpers";

const CLI = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "cli.ts");

describe("cli", () => {
  it("prints one ready line, serves /__sim/stats, reports stats on SIGUSR2 and exits on SIGTERM", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", CLI, "--org", FIXTURE, "--faults", '{"latencyMs":1}'], { stdio: ["ignore", "pipe", "pipe"] });
    const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
    try {
      const ready = JSON.parse((await lines.next()).value as string);
      expect(ready).toMatchObject({
        port: expect.any(Number),
        hub: { accessKeyId: "AKIAFIXTUREHUB000001", principalArn: "arn:aws:iam::222222222222:user/collector", accountId: "222222222222" },
        auditRoleName: "GovernanceAuditRole",
        orgReaderRoleArn: "arn:aws:iam::111111111111:role/OrgReader",
        ssoAccessToken: "token-ann",
      });
      expect(ready.url).toBe(`http://127.0.0.1:${ready.port}`);
      const stats = await (await fetch(`${ready.url}/__sim/stats`)).json();
      expect(stats).toMatchObject({ totalCalls: 0, throttled: 0, boundSeconds: 0 });
      child.kill("SIGUSR2");
      expect(JSON.parse((await lines.next()).value as string)).toMatchObject({ stats: { totalCalls: 0 } });
      const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
      child.kill("SIGTERM");
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
    }
  });
});
