/**
 * The server side of bench/api.bench.ts, run as its own process (as `npm start` runs): the local stack on the
 * embedded store (dynalite, its data on disk in a temporary folder), seeded with STORIES generated stories through the store's own putStory, then
 * listening. It prints one JSON line `{ url, stories, seededMs, paths }` when ready (paths: the requests to time)
 * and stays up until its stdin closes.
 *
 * The stories are generated, not copied: ~100-word texts over a 3,000-word vocabulary (Zipf-like, so some words
 * are in most stories and most in few), 40 feeds with their own source and language, three storylines (a third of
 * the stories enter one), framing labels and relations, publishedAt spread over 30 days.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Framing, Relation, Story } from "@storywire/core";
import { silentLogger } from "@storywire/pipeline";
import { startLocalStack } from "storywire";
import { loopbackConfig } from "../test/support/stack.ts";

export const STORIES = Number(process.env.BENCH_API_STORIES ?? 10_000);
export const FEEDS = 40;
const WORDS = 3000;
const STORYLINES = ["ceasefire", "new-start", "sco"];
const LABELS = ["neutral-report", "kremlin-aligned", "ukraine-aligned", "western-official", "anonymous-sourced"];
const LANGUAGES = ["en", "en", "en", "en", "de", "fr", "ru", "uk"];
const NAMES = ["Witkoff", "Zelensky", "Peskov", "Geneva", "Istanbul", "Donbas", "Shanghai", "Rubio", "Lavrov", "Xi"];

/** A small deterministic generator (the same stories every run). */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** Word i of the vocabulary: pronounceable, distinct. */
function word(i: number): string {
  const syllables = ["ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "de", "pa", "zo", "bre", "str", "gan"];
  let out = "";
  let n = i + 14;
  while (n > 0) {
    out += syllables[n % syllables.length];
    n = Math.floor(n / syllables.length);
  }
  return out;
}

export function feedId(n: number): string {
  return (0xfeed000000000000n + BigInt(n)).toString(16);
}

export function benchStory(i: number): Story {
  const rnd = random(i + 1);
  const zipf = () => Math.floor(WORDS ** rnd()) - 1;
  const pick = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)] as T;
  const feed = i % FEEDS;
  const words = (n: number) => Array.from({ length: n }, () => (rnd() < 0.05 ? pick(NAMES) : word(zipf())));
  const sentences = Array.from({ length: 8 }, () => `${words(12).join(" ")}.`);
  const storyline = rnd() < 0.33 ? pick(STORYLINES) : null;
  const published = Date.UTC(2026, 0, 1) + Math.floor((i / STORIES) * 30 * 86_400_000);
  const id = (0x5700000000000000n + BigInt(i)).toString(16);
  return {
    id,
    key: `https://bench.example/${feed}/${i}`,
    feedId: feedId(feed),
    title: words(8).join(" "),
    text: [sentences.slice(0, 4).join(" "), sentences.slice(4).join(" ")].join("\n\n"),
    url: `https://bench.example/${feed}/${i}`,
    source: `Bench Wire ${feed}`,
    author: null,
    language: LANGUAGES[feed % LANGUAGES.length] ?? "en",
    publishedAt: new Date(published).toISOString(),
    fetchedAt: new Date(published + 60_000).toISOString(),
    storylines: STORYLINES.map((sl) => ({
      id: sl,
      score: sl === storyline ? 0.5 + rnd() / 2 : rnd() / 4,
      matched: sl === storyline,
      evidence: [],
    })),
    framing: { label: pick(LABELS), summary: "Generated for the benchmark." } as unknown as Framing,
    relation: storyline ? (pick(["first", "update", "duplicate"]) as Relation) : null,
    eventId: storyline ? `ev${i % 500}` : null,
    novel: [],
  };
}

/** The GET /stories requests the benchmark cycles through: every filter, alone and combined. */
export function benchPaths(): string[] {
  const common = word(1);
  const rare = word(900);
  return [
    "/stories?limit=20",
    "/stories?limit=50",
    "/stories?storyline=ceasefire",
    "/stories?storyline=new-start,sco&minScore=0.7",
    `/stories?feed=${feedId(3)}`,
    "/stories?source=bench%20wire%207",
    "/stories?language=de&since=2026-01-10T00:00:00Z",
    "/stories?framing=kremlin-aligned&relation=update",
    "/stories?until=2026-01-15T00:00:00Z&limit=20",
    "/stories?relation=first&language=en",
    "/stories?q=witkoff",
    `/stories?q=${common}%20${rare}`,
    "/stories?q=witkoff&storyline=ceasefire",
    `/stories?q=${common}&language=fr&since=2026-01-05T00:00:00Z`,
  ];
}

async function main(): Promise<void> {
  // On disk, as `npm start` keeps it (LevelDB outside the JS heap), in a folder removed afterwards, unless
  // BENCH_API_DATA_DIR names one to keep: a second run on it skips the seeding (for profiling the API alone).
  const kept = process.env.BENCH_API_DATA_DIR;
  const dataDir = kept ?? mkdtempSync(join(tmpdir(), "storywire-bench-"));
  const marker = join(dataDir, `seeded-${STORIES}-v1`);
  const config = loopbackConfig({ adminKey: "bench-admin-key-0123456789", dataDir });
  const stack = await startLocalStack(config, { scheduler: false, logger: silentLogger });
  const started = performance.now();
  const width = 8;
  if (!existsSync(marker)) {
    for (let i = 0; i < STORIES; i += width) {
      await Promise.all(
        Array.from({ length: Math.min(width, STORIES - i) }, (_, j) => stack.store.putStory(benchStory(i + j))),
      );
    }
    if (kept) writeFileSync(marker, "");
  }
  const seededMs = performance.now() - started;
  process.stdout.write(`${JSON.stringify({ url: stack.url, stories: STORIES, seededMs, paths: benchPaths() })}\n`);
  process.stdin.resume();
  process.stdin.on(
    "end",
    () =>
      void stack
        .close()
        .finally(() => (kept ? undefined : rmSync(dataDir, { recursive: true, force: true })))
        .then(() => process.exit(0)),
  );
}

if (process.argv[1]?.endsWith("api-stack.ts")) await main();
