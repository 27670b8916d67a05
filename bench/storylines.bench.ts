/**
 * Storylines benchmark, each figure against a baseline measured in the same run:
 * - compiling a search-style query (parse, CNF gates, exactness check) against validating the storyline it gives;
 * - what an ingest pays to see storyline changes: the catalog's version check (one point read) against a full
 *   reload of 20 saved storylines;
 * - scoring a 4 KB article for the 3 built-in storylines plus 100 query-built ones, against the built-in three;
 * - rescoring stored stories (score, place in events, record) against scoring the same stories alone.
 * Embedded DynamoDB (dynalite) stands in for the table, as in the tests.
 */
import { pathToFileURL } from "node:url";
import {
  compileQuery,
  defaultStorylines,
  fingerprint,
  parseStoryline,
  type Story,
  type Storyline,
  scoreStorylines,
  validateStoryline,
} from "../packages/core/src/index.ts";
import { rescoreStoryline, StorylineCatalog, silentLogger, storyDoc } from "../packages/pipeline/src/index.ts";
import { createDynamoClient, createStore, ensureTable } from "../packages/store/src/index.ts";
import { startLocalDynamo } from "../packages/store/src/local.ts";
import { type BenchContext, consoleContext } from "./context.ts";

const MIN_MS = 1000;

async function measure(
  fn: () => Promise<unknown> | unknown,
  minMs = MIN_MS,
): Promise<{ perSecond: number; ms: number }> {
  await fn();
  let runs = 0;
  const start = performance.now();
  while (performance.now() - start < minMs) {
    await fn();
    runs += 1;
  }
  const ms = (performance.now() - start) / runs;
  return { perSecond: 1000 / ms, ms };
}

const QUERIES = [
  '"New START" OR "strategic arms" -Iran',
  "(ceasefire OR truce) (Ukraine OR Kyiv) -Gaza -(Israel OR Hamas)",
  "Putin NEAR/10 Xi",
  '("joint exercises" OR "air patrol*") (China OR Chinese) (Russia OR Russian)',
  '"Arctic shipping" OR "Northern Sea Route"',
  "(Witkoff OR Kushner) NEAR/20 (Putin OR Kremlin)",
  '"grain corridor" OR "Black Sea grain" -Turkey',
  "sanctions (Rosneft OR Lukoil OR Gazprom)",
  '"nuclear test*" OR "Novaya Zemlya"',
  'Lavrov NEAR/10 Rubio -"Middle East"',
];

const WORDS =
  "officials said talks would resume next week while ministers met in the capital after weeks of strikes on ports grain exports rail lines power plants and border crossings analysts warned that prices inflation budgets elections courts protests sanctions banks tariffs drones satellites pipelines refugees harvests floods wildfires".split(
    " ",
  );

/** A wire-style article of about 5 KB: distinct words per story (seeded), a storyline mention in one of three. */
function article(i: number): { title: string; text: string } {
  let seed = i * 7919 + 1;
  const next = () => {
    seed = (seed * 48271) % 2147483647;
    return seed;
  };
  const sentence = () =>
    `${Array.from({ length: 14 }, () => WORDS[next() % WORDS.length])
      .join(" ")
      .replace(/^./, (c) => c.toUpperCase())} on day ${next() % 1000}.`;
  const paragraphs = Array.from({ length: 14 }, () => `${sentence()} ${sentence()} ${sentence()}`);
  if (i % 3 === 0)
    paragraphs[1] = `Arctic shipping through the Northern Sea Route rose again, port officials said on day ${i}.`;
  return { title: `${sentence().slice(0, 60)}`, text: paragraphs.join("\n\n") };
}

export async function run({ print, record }: BenchContext): Promise<void> {
  // ---- compiling queries
  const compiled = QUERIES.map((q, i) => parseStoryline(compileQuery(q, { id: `q${i}` }).storyline));
  const compile = await measure(() => {
    for (const q of QUERIES) validateStoryline(compileQuery(q).storyline);
  });
  const validate = await measure(() => {
    for (const s of compiled) validateStoryline(s);
  });
  print(
    `query compile + validate: ${((compile.perSecond * QUERIES.length) / 1000).toFixed(1)}k queries/s (${((compile.ms / QUERIES.length) * 1000).toFixed(0)} µs each)`,
  );
  print(`  baseline validating the compiled storyline alone: ratio ${(compile.ms / validate.ms).toFixed(1)}x`);
  record("query_compile_per_s", compile.perSecond * QUERIES.length);
  record("query_compile_ratio", compile.ms / validate.ms);

  // ---- scoring with query storylines added
  const doc = article(3);
  // 100 query storylines (the 10 queries, each under 10 ids): what a newsroom with many of its own might have.
  const many = Array.from({ length: 10 }, (_, copy) => compiled.map((c) => ({ ...c, id: `${c.id}-${copy}` }))).flat();
  const all = [...defaultStorylines, ...many];
  // Both measured twice, the second pair counted: the first runs warm the JIT for either order.
  let builtinOnly = await measure(() => scoreStorylines(doc, defaultStorylines), 300);
  let withQueries = await measure(() => scoreStorylines(doc, all), 300);
  builtinOnly = await measure(() => scoreStorylines(doc, defaultStorylines));
  withQueries = await measure(() => scoreStorylines(doc, all));
  print(
    `scoring a ${(doc.text.length / 1024).toFixed(1)} KB article, 3 built-in + 100 query storylines: ${withQueries.ms.toFixed(2)} ms`,
  );
  print(
    `  baseline the 3 built-in storylines alone: ${builtinOnly.ms.toFixed(2)} ms; ratio ${(withQueries.ms / builtinOnly.ms).toFixed(2)}x`,
  );
  record("scoring_with_100_query_storylines_ratio", withQueries.ms / builtinOnly.ms);

  // ---- the store: version check, reload, rescore
  const dynamo = await startLocalDynamo();
  const client = createDynamoClient({ endpoint: dynamo.endpoint });
  try {
    await ensureTable(client, "bench");
    const store = createStore({ client, tableName: "bench" });
    for (const s of compiled.concat(compiled.map((c) => ({ ...c, id: `${c.id}-copy` })))) {
      await store.saveStorylineRecord(
        { id: s.id, definition: s as unknown as Record<string, unknown>, query: null },
        0,
      );
    }
    const catalog = new StorylineCatalog({ store });
    await catalog.list();
    const check = await measure(() => catalog.list());
    const reload = await measure(() => {
      catalog.invalidate();
      return catalog.list();
    });
    print(`storyline change check per ingest (version point read): ${check.ms.toFixed(2)} ms`);
    print(
      `  baseline a full reload of 20 saved storylines: ${reload.ms.toFixed(2)} ms; ratio ${(reload.ms / check.ms).toFixed(1)}x`,
    );
    record("storyline_check_ms", check.ms);
    record("storyline_reload_ratio", reload.ms / check.ms);

    const STORIES = 200;
    const start = Date.parse("2025-08-01T00:00:00Z");
    const stories: Story[] = Array.from({ length: STORIES }, (_, i) => {
      const a = article(i);
      const at = new Date(start + i * 3_600_000).toISOString();
      return {
        id: (0x1000 + i).toString(16).padStart(16, "0"),
        key: `bench:${i}`,
        feedId: null,
        title: a.title,
        text: a.text,
        url: null,
        source: "Bench",
        author: null,
        language: "en",
        publishedAt: at,
        fetchedAt: at,
        storylines: [],
        fingerprint: fingerprint(`${a.title}\n\n${a.text}`),
      };
    });
    for (const s of stories) await store.putStory(s);
    const target = compiled[4] as Storyline; // "Arctic shipping" OR "Northern Sea Route": one story in three enters
    const began = performance.now();
    let cursor: string | undefined;
    let scanned = 0;
    do {
      const r = await rescoreStoryline(
        target,
        cursor ? { cursor } : { since: "2025-07-01T00:00:00Z", until: "2025-12-01T00:00:00Z", limit: 100 },
        { store, clock: { now: () => new Date() }, logger: silentLogger },
      );
      scanned += r.scanned;
      cursor = r.nextCursor ?? undefined;
    } while (cursor);
    const rescoreMs = (performance.now() - began) / scanned;
    const scoreOnly = await measure(() => {
      for (const s of stories.slice(0, 20)) scoreStorylines(storyDoc(s), [target]);
    });
    const scoreMs = scoreOnly.ms / 20;
    print(
      `rescore (read, score, and for the third that enter: place in events, record): ${(1000 / rescoreMs).toFixed(0)} stories/s (${rescoreMs.toFixed(1)} ms each, ${scanned} stories)`,
    );
    print(
      `  baseline scoring the same stories alone: ${scoreMs.toFixed(2)} ms each; ratio ${(rescoreMs / scoreMs).toFixed(0)}x`,
    );
    record("rescore_stories_per_s", 1000 / rescoreMs);
    record("rescore_ratio", rescoreMs / scoreMs);
  } finally {
    client.destroy();
    await dynamo.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  await run(consoleContext());
}
