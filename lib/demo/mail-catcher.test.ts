import nodemailer from "nodemailer";
import { describe, expect, it } from "vitest";
import { startMailCatcher } from "./mail-catcher";

describe("demo mail catcher", () => {
  it("receives mail over SMTP and shows it on its inbox page", async () => {
    const catcher = await startMailCatcher({ smtpPort: 0, inboxPort: 0 });
    try {
      await nodemailer.createTransport({ host: "127.0.0.1", port: catcher.smtpPort, secure: false }).sendMail({
        from: "atlas@acme.example", to: ["jane.doe@acme.example"], subject: "Access review <Q4>", text: "3 items for you",
      });
      const messages = await (await fetch(`${catcher.inboxUrl}/messages.json`)).json();
      expect(messages).toEqual([expect.objectContaining({ to: ["jane.doe@acme.example"], subject: "Access review <Q4>", text: "3 items for you\n" })]);
      const page = await (await fetch(catcher.inboxUrl)).text();
      expect(page).toContain("Access review &lt;Q4&gt;");
      expect(page).toContain("to jane.doe@acme.example");
    } finally {
      await catcher.stop();
    }
  });
});
