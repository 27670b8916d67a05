/**
 * A large OPML import: `POST /feeds/import` of a file with 2,000 feed outlines (in 20 folders, plus a few duplicate
 * spellings and broken outlines, as real exports have) against the local runtime as `npm start` runs it: the
 * embedded store on disk, the API over HTTP, and the in-process queue fetching each new feed at once from a farm
 * of loopback feeds (so the import competes with the first fetches it starts, as it does for a user). Then the
 * same file again (every feed already watched). Seconds per request, against the API's budget of 30 s (the API
 * Lambda's timeout, docs/DEPLOY.md).
 *
 *   npm run bench -- opml-import        (or: npx tsx bench/opml-import.bench.ts)
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { silentLogger } from "@storywire/pipeline";
import { startLocalStack } from "storywire";
import { loopbackConfig } from "../test/support/stack.ts";
import { type BenchContext, consoleContext } from "./context.ts";
import { startFeedFarm } from "./support/feed-farm.ts";

const HOSTS = 10;
const FEEDS_PER_HOST = 200;
const FOLDERS = 20;
const DUPLICATES = 20;
const BROKEN = 10;
/** The API's time budget per request (the API Lambda's timeout). */
const BUDGET_S = 30;

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** An OPML 2.0 export: the feeds in folders, later outlines repeating earlier feeds in another spelling, broken ones. */
export function opmlOf(urls: readonly string[]): string {
  const folders: string[][] = Array.from({ length: FOLDERS }, () => []);
  urls.forEach((url, i) => {
    folders[i % FOLDERS]?.push(`<outline type="rss" text="Feed ${i}" xmlUrl="${esc(url)}"/>`);
  });
  for (let i = 0; i < DUPLICATES; i++) {
    folders[i % FOLDERS]?.push(
      `<outline type="rss" text="Again ${i}" xmlUrl="${esc((urls[i] ?? "").replace("http://", "HTTP://"))}"/>`,
    );
  }
  for (let i = 0; i < BROKEN; i++) folders[i % FOLDERS]?.push(`<outline type="rss" text="Broken ${i}"/>`);
  const body = folders.map((lines, i) => `<outline text="Folder ${i}">\n${lines.join("\n")}\n</outline>`).join("\n");
  return `<?xml version="1.0" encoding="UTF-8"?>\n<opml version="2.0"><head><title>Bench export</title></head><body>\n${body}\n</body></opml>\n`;
}

export async function run({ print, record }: BenchContext): Promise<void> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  const farm = await startFeedFarm({ hosts: HOSTS, feedsPerHost: FEEDS_PER_HOST, items: 2, delayMs: 5 });
  const dataDir = mkdtempSync(join(tmpdir(), "storywire-bench-opml-"));
  const adminKey = "bench-admin-key-0123456789abcdef";
  const config = loopbackConfig({ fullTextBudget: 0, dataDir, adminKey });
  const stack = await startLocalStack(config, { scheduler: false, seedFeeds: false, logger: silentLogger });
  try {
    const opml = opmlOf(farm.urls);
    print(
      `${farm.urls.length} feed outlines in ${FOLDERS} folders (+${DUPLICATES} duplicate spellings, ${BROKEN} broken), ` +
        `${(opml.length / 1024).toFixed(0)} KB; embedded store on disk; each new feed fetched at once from ${HOSTS} loopback hosts`,
    );
    const post = async (label: string) => {
      const started = performance.now();
      const res = await fetch(`${stack.url}/feeds/import`, {
        method: "POST",
        headers: { authorization: `Bearer ${adminKey}`, "content-type": "text/x-opml" },
        body: opml,
      });
      const seconds = (performance.now() - started) / 1000;
      if (res.status !== 200) throw new Error(`${label}: HTTP ${res.status}: ${await res.text()}`);
      const body = (await res.json()) as Record<"added" | "existing" | "duplicates" | "problems", unknown[]>;
      const counts = `added ${body.added.length}, existing ${body.existing.length}, duplicates ${body.duplicates.length}, problems ${body.problems.length}`;
      print(`${label}: ${seconds.toFixed(2)} s (${counts}); budget ${BUDGET_S} s`);
      return { seconds, body };
    };
    const first = await post("first import");
    if (first.body.added.length !== farm.urls.length || first.body.duplicates.length !== DUPLICATES) {
      throw new Error("the first import did not add every feed once.");
    }
    if (first.body.problems.length !== BROKEN) throw new Error("the first import did not report every broken outline.");
    await stack.queue.idle();
    const again = await post("the same file again");
    if (again.body.existing.length !== farm.urls.length) throw new Error("the second import did not find every feed.");
    record("opml_import_feeds", farm.urls.length);
    record("opml_import_s", first.seconds);
    record("opml_reimport_s", again.seconds);
    record("opml_import_budget_ratio", first.seconds / BUDGET_S);
  } finally {
    await stack.close();
    await farm.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  await run(consoleContext());
}
