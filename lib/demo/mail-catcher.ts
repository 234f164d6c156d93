import http from "node:http";
import type { AddressInfo } from "node:net";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

type TCaught = { at: Date; from: string; to: string[]; subject: string; text: string; attachments: string[] };

const escape = (text: string) => text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);

function inboxPage(messages: TCaught[]): string {
  const items = messages.slice().reverse().map((m) => `<article><h2>${escape(m.subject)}</h2><p class="meta">${m.at.toISOString()} · from ${escape(m.from)} · to ${escape(m.to.join(", "))}${m.attachments.length ? ` · attached: ${escape(m.attachments.join(", "))}` : ""}</p><pre>${escape(m.text)}</pre></article>`);
  return `<!doctype html><meta charset="utf-8"><meta http-equiv="refresh" content="10"><title>Demo inbox (${messages.length})</title>
<style>body{font:14px system-ui;margin:2rem;max-width:60rem}article{border-top:1px solid #ccc;padding:.5rem 0}.meta{color:#555}pre{white-space:pre-wrap}</style>
<h1>Access Atlas demo inbox</h1><p>Every mail the demo's notifier sent (kept in memory until the demo stops; refreshes every 10 s). JSON: <a href="/messages.json">/messages.json</a></p>
${items.join("") || "<p>No mail yet.</p>"}`;
}

/**
 * The demo's mail catcher: a real SMTP server (smtp-server) on loopback that keeps every
 * message, and a small inbox page to read them. Not for production: anything is accepted.
 */
export async function startMailCatcher(options: { smtpPort: number; inboxPort: number }) {
  const messages: TCaught[] = [];
  const smtp = new SMTPServer({
    authOptional: true, logger: false, disabledCommands: ["STARTTLS"],
    onData(stream, session, callback) {
      simpleParser(stream).then((mail) => {
        messages.push({ at: new Date(), from: mail.from?.text ?? "", to: session.envelope.rcptTo.map((r) => r.address), subject: mail.subject ?? "", text: mail.text ?? "", attachments: mail.attachments.map((a) => a.filename ?? "attachment") });
        callback();
      }, callback);
    },
  });
  await new Promise<void>((resolve) => smtp.listen(options.smtpPort, "127.0.0.1", resolve));
  const inbox = http.createServer((request, response) => {
    if (request.url === "/messages.json") return void response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(messages));
    response.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(inboxPage(messages));
  });
  // A taken inbox port (a second demo) falls back to any free one; the URL is printed.
  await new Promise<void>((resolve, reject) => {
    inbox.once("error", (error: NodeJS.ErrnoException) => (error.code === "EADDRINUSE" ? inbox.listen(0, "127.0.0.1", resolve) : reject(error)));
    inbox.listen(options.inboxPort, "127.0.0.1", resolve);
  });
  return {
    smtpPort: (smtp.server.address() as AddressInfo).port,
    inboxUrl: `http://127.0.0.1:${(inbox.address() as AddressInfo).port}`,
    messages,
    stop: async () => {
      await new Promise((r) => smtp.close(() => r(undefined)));
      await new Promise((r) => inbox.close(() => r(undefined)));
    },
  };
}
