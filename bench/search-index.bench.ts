/**
 * The search index (`q`): how many word entries a new story writes (each one write request) and what `q` still
 * finds, for the indexing rule (search-terms.ts: the title, every name in the text, the first LEAD_WORDS other
 * words) against indexing every distinct word (the rule before, up to 600), measured on the same stories:
 *
 * - long real articles: the seed articles and the extracted fixture pages in ../shared with 200 words of text or
 *   more (about 900 words, 5.5 KB, on average; skipped without ../shared);
 * - the evaluation articles in eval/ (943 items, mostly short: 160 words on average).
 *
 * "Findable" counts a story's distinct indexable words that `q` matches it by; "names" are the capitalized words
 * inside sentences, found here by a separate, simpler pattern than the indexer's.
 *
 * The table cost: each word entry is one write request unit on DynamoDB on-demand, so the monthly cost of the index
 * for docs/DEPLOY.md's example (150,000 new stories a month, $0.625 per million write units) follows from the long
 * articles' entries per story (DEPLOY.md assumes 6 KB articles).
 *
 *   npm run bench -- search-index      (or npx tsx bench/search-index.bench.ts)
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { htmlToParagraphs } from "@storywire/core";
import { MAX_TERMS_PER_STORY, queryTerms, storyTerms } from "../packages/store/src/search-terms.ts";
import { type BenchContext, consoleContext } from "./context.ts";

const here = dirname(fileURLToPath(import.meta.url));
const sharedDir = process.env.STORYWIRE_SHARED_DIR ?? resolve(here, "..", "..", "shared");

interface Article {
  title: string;
  text: string;
}

function textFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? textFiles(path) : path.endsWith(".txt") ? [path] : [];
  });
}

/** Seed-shaped text: a headline line, a blank line, then the paragraphs. */
function seedShaped(text: string): Article {
  const [title = "", ...paragraphs] = text.split(/\n\s*\n/);
  return { title, text: paragraphs.join("\n\n") };
}

function longArticles(): Article[] {
  const seeds = textFiles(join(sharedDir, "seeds")).map((path) => seedShaped(readFileSync(path, "utf8")));
  const pagesDir = join(sharedDir, "fixtures", "pages");
  const pages = existsSync(pagesDir)
    ? readdirSync(pagesDir).flatMap((name) => {
        const path = join(pagesDir, name, "expected.html");
        if (!existsSync(path)) return [];
        const [title = "", ...paragraphs] = htmlToParagraphs(readFileSync(path, "utf8"));
        return [{ title, text: paragraphs.join("\n\n") }];
      })
    : [];
  // Articles only: a page whose extraction gave no body (or a script without spaces) says nothing about length.
  return [...seeds, ...pages].filter((article) => article.text.split(/\s+/).length >= 200);
}

/** Capitalized words not at a sentence's start: the names a reader would search for. */
function names(text: string): Set<string> {
  const found = new Set<string>();
  for (const match of text.matchAll(/(?<![.!?…]["“”'’]?\s+|^|\n)(\p{Lu}[\p{L}\p{N}]+)/gu)) {
    for (const term of queryTerms(match[1] ?? "")) found.add(term);
  }
  return found;
}

/** docs/DEPLOY.md's cost example: new stories a month, and the on-demand price of a million write request units. */
const STORIES_PER_MONTH = 150_000;
const USD_PER_MILLION_WRITES = 0.625;

function measure(articles: Article[]) {
  let before = 0;
  let after = 0;
  let words = 0;
  let wordsFound = 0;
  let nameCount = 0;
  let namesFound = 0;
  for (const { title, text } of articles) {
    const every = queryTerms(`${title}\n${text}`).slice(0, MAX_TERMS_PER_STORY);
    const indexed = new Set(storyTerms(title, text));
    before += every.length;
    after += indexed.size;
    words += every.length;
    wordsFound += every.filter((word) => indexed.has(word)).length;
    for (const name of names(text)) {
      nameCount += 1;
      if (indexed.has(name)) namesFound += 1;
    }
  }
  const n = Math.max(1, articles.length);
  return {
    before: before / n,
    after: after / n,
    wordsFoundPct: (100 * wordsFound) / Math.max(1, words),
    namesFoundPct: (100 * namesFound) / Math.max(1, nameCount),
    textWords: articles.reduce((sum, a) => sum + a.text.split(/\s+/).length, 0) / n,
  };
}

export async function run({ print, record }: BenchContext): Promise<void> {
  const corpora: [string, string, Article[]][] = [
    ["long", "seed articles and fixture pages", longArticles()],
    [
      "eval",
      "evaluation articles (eval/)",
      textFiles(resolve(here, "..", "eval")).map((p) => seedShaped(readFileSync(p, "utf8"))),
    ],
  ];
  for (const [key, label, articles] of corpora) {
    if (articles.length === 0) {
      print(`search index, ${label}: none found (${sharedDir} missing?); skipped`);
      continue;
    }
    const m = measure(articles);
    print(
      `search index, ${articles.length} ${label} (${m.textWords.toFixed(0)} words of text on average): ` +
        `${m.after.toFixed(0)} word entries per story, against ${m.before.toFixed(0)} for every distinct word ` +
        `(${((100 * m.after) / m.before).toFixed(0)} %); q finds a story by ${m.wordsFoundPct.toFixed(0)} % of its words ` +
        `and ${m.namesFoundPct.toFixed(0)} % of its names`,
    );
    record(`search_words_per_story_${key}`, m.after);
    record(`search_words_per_story_${key}_every_word`, m.before);
    record(`search_words_found_pct_${key}`, m.wordsFoundPct);
    record(`search_names_found_pct_${key}`, m.namesFoundPct);
    if (key === "long") {
      const monthly = (entries: number) => (STORIES_PER_MONTH * entries * USD_PER_MILLION_WRITES) / 1e6;
      print(
        `search index write cost, ${STORIES_PER_MONTH.toLocaleString("en-US")} stories a month on DynamoDB on-demand: ` +
          `$${monthly(m.after).toFixed(2)} a month (${((STORIES_PER_MONTH * m.after) / 1e6).toFixed(1)} M writes), ` +
          `against $${monthly(m.before).toFixed(2)} indexing every distinct word`,
      );
      record("search_index_usd_month", monthly(m.after));
      record("search_index_usd_month_every_word", monthly(m.before));
    }
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  run(consoleContext()).catch((error: unknown) => {
    console.error(`Benchmark failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  });
}
