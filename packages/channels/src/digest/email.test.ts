import { HOSTILE_TITLE, testAlert } from "@storywire/channels/test-support/alerts";
import { testAlerts, testDigest } from "@storywire/channels/test-support/digests";
import { describe, expect, it } from "vitest";
import { ChannelConfigError } from "../errors.ts";
import { alertPlainText } from "../text/format.ts";
import { digestEmailSubject, renderDigestEmail } from "./email.ts";

const FROM = "Storywire <alerts@storywire.example.org>";

describe("renderDigestEmail", () => {
  it("addresses one message with subject, text and HTML parts and a Message-ID from the digest id", () => {
    const digest = testDigest(3, "daily");
    const message = renderDigestEmail(digest, { from: FROM, to: "reader@example.org", id: "msg_abc" });
    expect(message).toMatchObject({
      from: FROM,
      to: "reader@example.org",
      subject: "[Storywire] Digest: 3 alerts",
      messageId: "<msg_abc@storywire.example.org>",
    });
    const [first, second, third] = digest.alerts.map((alert) => alertPlainText(alert));
    expect(message.text).toBe(
      `Daily digest from Storywire: 3 alerts\n\n--- 1 of 3 ---\n${first}\n--- 2 of 3 ---\n${second}\n--- 3 of 3 ---\n${third}`,
    );
    expect(message.html.match(/<h2 /g)).toHaveLength(3);
    expect(message.html).toContain('<h1 style="margin:0 0 4px;font-size:22px">Storywire digest: 3 alerts</h1>');
    expect(message.html).toContain('<a href="https://news.example.org/articles/ceasefire-talks">Story 2</a>');
    expect(message.html).toContain("<li>New fact number 2.</li><li>A second new sentence.</li>");
    expect(message.html).toContain("Update in <strong>Ukraine ceasefire and peace talks</strong> · Example News");
    expect(renderDigestEmail(testDigest(1), { from: FROM, to: "r@example.org" })).not.toHaveProperty("messageId");
  });

  it("escapes every feed-derived string in the HTML part", () => {
    const hostile = testAlert({
      story: { title: HOSTILE_TITLE, source: `"><img src=x onerror=alert(1)>`, url: null },
      storyline: { id: "x", title: "<b>storyline</b>" },
      novel: ["<script>alert('novel')</script>"],
    });
    const { html, text } = renderDigestEmail(
      { period: "hourly", alerts: [hostile] },
      { from: FROM, to: "r@example.org" },
    );
    expect(html).not.toMatch(/<script|<img|<b>storyline/);
    expect(html).toContain("&lt;!channel&gt; @everyone &lt;script&gt;alert(1)&lt;/script&gt; &amp; *bold*");
    expect(html).toContain("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;");
    expect(html).toContain("<li>&lt;script&gt;alert(&#39;novel&#39;)&lt;/script&gt;</li>");
    // The text part is plain text: shown as is.
    expect(text).toContain(HOSTILE_TITLE);
  });

  it("counts the alerts in the subject", () => {
    expect(digestEmailSubject(testDigest(1))).toBe("[Storywire] Digest: 1 alert");
    expect(digestEmailSubject(testDigest(testAlerts(250)))).toBe("[Storywire] Digest: 250 alerts");
  });

  it.each([
    [{ from: "A <a@example.org>\r\nBcc: x@evil.example", to: "r@example.org" }, /single line/],
    [{ from: FROM, to: "a@example.org, b@example.org" }, /not valid/],
  ])("refuses header tricks in the addresses (%#)", (options, message) => {
    expect(() => renderDigestEmail(testDigest(1), options)).toThrow(ChannelConfigError);
    expect(() => renderDigestEmail(testDigest(1), options)).toThrow(message);
  });
});
