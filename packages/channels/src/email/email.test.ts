import type { AddressInfo } from "node:net";
import type { SendEmailCommand } from "@aws-sdk/client-sesv2";
import { HOSTILE_TITLE, testAlert } from "@storywire/channels/test-support/alerts";
import { closedPortUrl } from "@storywire/channels/test-support/loopback";
import { alertMessageId } from "@storywire/core/ids";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sendAlert } from "../send/send-alert.ts";
import type { EmailChannel, SendContext } from "../types.ts";
import { renderEmail } from "./render.ts";
import { createSesSender, type SesClientLike } from "./ses.ts";
import { createSmtpTransport } from "./smtp.ts";
import type { EmailSender } from "./types.ts";

const FROM = "Storywire <alerts@storywire.example.org>";

/** A parsed RFC 5322 message: unfolded headers, and the text/html parts of a multipart body, decoded. */
interface ParsedMail {
  headers: Map<string, string>;
  parts: Map<string, string>;
}

function decodeQuotedPrintable(text: string): string {
  const bytes = text
    .replace(/=\r?\n/g, "")
    .replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
  return Buffer.from(bytes, "latin1").toString("utf8");
}

function parseHeaders(block: string): Map<string, string> {
  const headers = new Map<string, string>();
  for (const line of block.replace(/\r?\n[ \t]+/g, " ").split(/\r?\n/)) {
    const colon = line.indexOf(":");
    if (colon > 0) headers.set(line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim());
  }
  return headers;
}

function parseMail(raw: string): ParsedMail {
  const [head = "", ...rest] = raw.split(/\r?\n\r?\n/);
  const headers = parseHeaders(head);
  const boundary = /boundary="?([^";]+)"?/.exec(headers.get("content-type") ?? "")?.[1];
  expect(boundary).toBeDefined();
  const parts = new Map<string, string>();
  for (const section of rest.join("\r\n\r\n").split(`--${boundary}`).slice(1, -1)) {
    const [partHead = "", ...body] = section.replace(/^\r?\n/, "").split(/\r?\n\r?\n/);
    const partHeaders = parseHeaders(partHead);
    const type = (partHeaders.get("content-type") ?? "").split(";")[0] as string;
    const encoded = body.join("\r\n\r\n");
    const encoding = partHeaders.get("content-transfer-encoding");
    const decoded =
      encoding === "quoted-printable"
        ? decodeQuotedPrintable(encoded)
        : encoding === "base64"
          ? Buffer.from(encoded, "base64").toString("utf8")
          : encoded;
    parts.set(type, decoded.replace(/\r\n/g, "\n"));
  }
  return { headers, parts };
}

describe("email through a real SMTP server on loopback", () => {
  let server: SMTPServer;
  let port: number;
  let sender: EmailSender;
  const messages: string[] = [];

  beforeAll(async () => {
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS", "AUTH"],
      logger: false,
      onRcptTo(address, _session, callback) {
        const code = address.address.startsWith("reject@") ? 550 : address.address.startsWith("later@") ? 451 : 0;
        if (code === 0) return callback();
        callback(Object.assign(new Error(`mailbox says no: private detail ${code}`), { responseCode: code }));
      },
      onData(stream, _session, callback) {
        const chunks: Buffer[] = [];
        stream.on("data", (chunk: Buffer) => chunks.push(chunk));
        stream.on("end", () => {
          messages.push(Buffer.concat(chunks).toString("utf8"));
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.server.address() as AddressInfo).port;
    sender = createSmtpTransport({ host: "127.0.0.1", port, secure: false });
  });

  afterAll(async () => {
    sender.close?.();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const ctx = (overrides: Partial<SendContext> = {}): SendContext => ({
    subscriptionId: "sub_mail",
    email: { sender, from: FROM },
    ...overrides,
  });
  const to = (address: string): EmailChannel => ({ type: "email", to: address });

  it("delivers a multipart message whose text and HTML parts say the alert, with the HTML escaped", async () => {
    const alert = testAlert({ story: { title: HOSTILE_TITLE }, novel: ['He said "peace" & <b>war</b>.'] });
    const result = await sendAlert(to("reader@example.org"), alert, ctx());
    expect(result).toEqual({ ok: true, retryable: false, disableEndpoint: false });

    const mail = parseMail(messages.at(-1) as string);
    expect(mail.headers.get("subject")).toBe(`[Storywire] Ukraine ceasefire and peace talks: ${HOSTILE_TITLE}`);
    expect(mail.headers.get("to")).toBe("reader@example.org");
    expect(mail.headers.get("from")).toBe(FROM);
    expect(mail.headers.get("message-id")).toBe(
      `<${alertMessageId("sub_mail", alert.story.id)}@storywire.example.org>`,
    );
    expect(mail.headers.get("content-type")).toMatch(/^multipart\/alternative/);

    const text = mail.parts.get("text/plain") as string;
    expect(text).toContain("Storyline: Ukraine ceasefire and peace talks (Update)");
    expect(text).toContain(HOSTILE_TITLE);
    expect(text).toContain('- He said "peace" & <b>war</b>.');
    expect(text).toContain("Storyline score: 0.82");
    expect(text).toContain("Framing: Relies on Kremlin sources and uses Russian place names.");
    expect(text).toContain("Read the story: https://news.example.org/articles/ceasefire-talks");
    expect(text).toContain("In Storywire: https://storywire.example.org/api/stories/1d6d5fc977bff7a7");

    const html = mail.parts.get("text/html") as string;
    expect(html).not.toContain("<script>");
    expect(html).not.toContain("<b>war</b>");
    expect(html).toContain(
      "&lt;!channel&gt; @everyone &lt;script&gt;alert(1)&lt;/script&gt; &amp; *bold* [x](https://evil.example) &lt;@123&gt;",
    );
    expect(html).toContain("<li>He said &quot;peace&quot; &amp; &lt;b&gt;war&lt;/b&gt;.</li>");
    expect(html).toContain('<a href="https://news.example.org/articles/ceasefire-talks">');
    expect(html).toContain('<a href="https://storywire.example.org/api/stories/1d6d5fc977bff7a7.txt">Plain text</a>');
  });

  it("uses the same Message-ID when the same (subscription, story) is sent again", async () => {
    await sendAlert(to("reader@example.org"), testAlert(), ctx());
    await sendAlert(to("reader@example.org"), testAlert(), ctx());
    const [a, b] = messages.slice(-2).map((raw) => parseMail(raw).headers.get("message-id"));
    expect(a).toBe(b);
  });

  it.each([
    ["reject@example.org", 550, false, /refused the message \(SMTP 550\)/],
    ["later@example.org", 451, true, /deferred the message \(SMTP 451\)/],
  ])("classifies the server's refusal of %s", async (address, status, retryable, message) => {
    const result = await sendAlert(to(address), testAlert(), ctx());
    expect(result).toMatchObject({ ok: false, status, retryable, disableEndpoint: false });
    expect(result.error).toMatch(message);
    expect(result.error).not.toContain("private detail");
  });

  it("retries when the mail server is down", async () => {
    const down = new URL(await closedPortUrl());
    const offline = createSmtpTransport({ host: "127.0.0.1", port: Number(down.port), secure: false });
    const result = await sendAlert(
      to("reader@example.org"),
      testAlert(),
      ctx({ email: { sender: offline, from: FROM } }),
    );
    offline.close?.();
    expect(result).toMatchObject({ ok: false, retryable: true, disableEndpoint: false });
    expect(result.error).toMatch(/^Could not send email through 127\.0\.0\.1:\d+ \((ESOCKET|ECONNECTION)\); check/);
  });

  it.each(["two@example.org, three@example.org", "x@example.org\r\nBcc: y@example.org", "no-at-sign", ""])(
    "refuses the recipient %j without sending",
    async (address) => {
      const before = messages.length;
      const result = await sendAlert(to(address), testAlert(), ctx());
      expect(result).toMatchObject({ ok: false, retryable: false });
      expect(result.error).toMatch(/recipient address .* is not valid/);
      expect(messages.length).toBe(before);
    },
  );

  it("says so when no email sender is configured", async () => {
    const result = await sendAlert(to("reader@example.org"), testAlert(), { subscriptionId: "s" });
    expect(result).toMatchObject({ ok: false, retryable: false, error: expect.stringMatching(/no email sender/) });
  });
});

describe("email rendering", () => {
  it("clips long subjects and marks test sends", () => {
    const alert = testAlert({ story: { title: "x".repeat(400) } });
    const message = renderEmail(alert, { from: FROM, to: "a@example.org", test: true });
    expect(message.subject.startsWith("[Storywire] Test: Ukraine ceasefire and peace talks: xxx")).toBe(true);
    expect(message.subject.length).toBeLessThanOrEqual(200);
    expect(message.subject.endsWith("…")).toBe(true);
    expect(message.messageId).toBeUndefined();
  });

  it("refuses a multi-line sender", () => {
    expect(() => renderEmail(testAlert(), { from: "a@example.org\nBcc: b@example.org", to: "c@example.org" })).toThrow(
      /single line/,
    );
  });
});

describe("SES v2 sender", () => {
  function recordingClient(failure?: unknown): SesClientLike & { commands: SendEmailCommand[] } {
    const commands: SendEmailCommand[] = [];
    return {
      commands,
      async send(command) {
        commands.push(command);
        if (failure !== undefined) throw failure;
        return { MessageId: "0100018f-ses-id" };
      },
    };
  }

  it("sends one SendEmailCommand with Simple content: subject, text and HTML bodies", async () => {
    const client = recordingClient();
    const sender = createSesSender({ client, configurationSetName: "storywire" });
    const alert = testAlert({ story: { title: HOSTILE_TITLE } });
    const result = await sendAlert({ type: "email", to: "reader@example.org" }, alert, {
      subscriptionId: "sub_ses",
      email: { sender, from: FROM },
    });
    expect(result.ok).toBe(true);
    expect(client.commands).toHaveLength(1);
    const input = client.commands[0]?.input;
    expect(input).toEqual({
      FromEmailAddress: FROM,
      Destination: { ToAddresses: ["reader@example.org"] },
      Content: {
        Simple: {
          Subject: { Data: `[Storywire] Ukraine ceasefire and peace talks: ${HOSTILE_TITLE}`, Charset: "UTF-8" },
          Body: {
            Text: { Data: expect.stringContaining(HOSTILE_TITLE), Charset: "UTF-8" },
            Html: { Data: expect.stringContaining("&lt;script&gt;alert(1)&lt;/script&gt;"), Charset: "UTF-8" },
          },
        },
      },
      ConfigurationSetName: "storywire",
    });
    expect(input?.Content?.Simple?.Body?.Html?.Data).not.toContain("<script>");
    await expect(sender.send(renderEmail(alert, { from: FROM, to: "a@example.org" }))).resolves.toEqual({
      messageId: "0100018f-ses-id",
    });
  });

  it.each([
    ["throttled", { name: "TooManyRequestsException", $metadata: { httpStatusCode: 429 } }, true, 429],
    ["server error", { name: "InternalFailure", $metadata: { httpStatusCode: 500 } }, true, 500],
    ["network failure", Object.assign(new Error("socket hang up"), { code: "ECONNRESET" }), true, undefined],
    ["rejected message", { name: "MessageRejected", $metadata: { httpStatusCode: 400 } }, false, 400],
    [
      "unverified sender",
      { name: "MailFromDomainNotVerifiedException", $metadata: { httpStatusCode: 400 } },
      false,
      400,
    ],
  ])("classifies SES failures: %s", async (_label, failure, retryable, status) => {
    const sender = createSesSender({ client: recordingClient(failure) });
    const result = await sendAlert({ type: "email", to: "reader@example.org" }, testAlert(), {
      subscriptionId: "sub_ses",
      email: { sender, from: FROM },
    });
    expect(result).toMatchObject({ ok: false, retryable, disableEndpoint: false });
    expect(result.status).toBe(status);
    expect(result.error).toMatch(/^Amazon SES did not send the email \(/);
  });
});
