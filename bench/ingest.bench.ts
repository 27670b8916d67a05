/**
 * Ingest benchmark: feed parsing (ours: decode + caps + DTD refusal + sanitizing + per-item normalization) in
 * items/s against rss-parser's parseString alone as the baseline, and HTML-to-paragraphs throughput in MB/s.
 * The feed is generated here (200 items of ~3 KB HTML), so the benchmark needs no shared fixtures.
 */
import { pathToFileURL } from "node:url";
import Parser from "rss-parser";
import { buildStory, decodeFeedBytes, htmlToParagraphs, parseFeed } from "../packages/core/src/index.ts";
import { type BenchContext, consoleContext } from "./context.ts";

const ITEMS = 200;
const MIN_MS = 1000;

function syntheticFeed(): string {
  const paragraph = (i: number, p: number) =>
    `<p>Paragraph ${p} of item ${i}: officials in Kyiv and Moscow said on Tuesday that talks would resume, <a href="/x">according to</a> a statement, while <b>analysts</b> cautioned that “progress remains elusive”.</p>`;
  const items = Array.from({ length: ITEMS }, (_, i) => {
    const html = Array.from({ length: 12 }, (_, p) => paragraph(i, p)).join("");
    return `<item><title>Item ${i}: talks resume</title><link>https://wire.example/${i}?utm_source=rss</link><guid>g-${i}</guid><pubDate>Tue, 24 Nov 2026 10:${String(i % 60).padStart(2, "0")}:00 GMT</pubDate><description><![CDATA[${html}]]></description></item>`;
  }).join("");
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Bench</title><link>https://wire.example/</link>${items}</channel></rss>`;
}

async function measure(fn: () => Promise<unknown> | unknown): Promise<{ perSecond: number; msPerRun: number }> {
  await fn();
  let runs = 0;
  const start = performance.now();
  while (performance.now() - start < MIN_MS) {
    await fn();
    runs += 1;
  }
  const ms = (performance.now() - start) / runs;
  return { perSecond: 1000 / ms, msPerRun: ms };
}

export async function run({ print, record }: BenchContext): Promise<void> {
  const xml = syntheticFeed();
  const bytes = Buffer.from(xml);
  const ours = await measure(async () => {
    const feed = await parseFeed(decodeFeedBytes(bytes, "utf-8").text, "https://wire.example/feed.xml");
    const fetchedAt = new Date().toISOString();
    for (const item of feed.items)
      buildStory(item, { feedId: null, feedUrl: "https://wire.example/feed.xml", feedTitle: feed.title, fetchedAt });
  });
  const parser = new Parser();
  const baseline = await measure(() => parser.parseString(xml));
  print(
    `feed ingest (${ITEMS} items, ${(bytes.length / 1024).toFixed(0)} KB): parse + normalize ${(ours.perSecond * ITEMS).toFixed(0)} items/s (${ours.msPerRun.toFixed(1)} ms per feed)`,
  );
  record("ingest_items_per_s", ours.perSecond * ITEMS);
  record("ingest_ratio", baseline.perSecond / ours.perSecond);
  print(
    `  baseline rss-parser parseString alone: ${(baseline.perSecond * ITEMS).toFixed(0)} items/s; ratio ours/baseline = ${(ours.perSecond / baseline.perSecond).toFixed(2)}x`,
  );
  const html = Array.from(
    { length: 40 },
    (_, i) =>
      `<div class="para"><p>Sentence ${i} with <em>inline</em> markup &amp; entities.</p><script>track()</script></div>`,
  ).join("");
  const h = await measure(() => htmlToParagraphs(html));
  print(
    `html to paragraphs: ${((h.perSecond * html.length) / 1e6).toFixed(1)} MB/s (${(h.msPerRun * 1000).toFixed(0)} µs per ${(html.length / 1024).toFixed(1)} KB)`,
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  await run(consoleContext());
}
