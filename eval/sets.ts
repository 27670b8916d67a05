/**
 * Evaluation sets, found generically: any folder of eval/ (and eval/ itself) with a labels.json is a set.
 * eval/sets.json gives each its role:
 *   - "tuning": rules have been tuned on it; its figures are never called blind. CI gates on these.
 *   - "frozen": no rule has been tuned on it; run it once, record the first run in eval/README.md, and never
 *     change a rule against it (when one must learn from it, it is retired to the tuning pool).
 * A set folder missing from sets.json counts as frozen, so a new set is never tuned on by accident.
 *
 * Two label formats are read:
 *   - per file (eval/independent*, eval/kinds, the frozen sets): `{ "<file>": { "<storyline>": true|false,
 *     "form": "...", "note": "..." } }`, files under articles/ (a key may also be a path inside the set);
 *     pairs.json is `[{ a, b, relation, note }]` (or `{ pairs: [...] }`), paths inside the set.
 *   - the first set's (eval/labels.json): `{ storylines, articles, seeds, feeds }`, with the shared seeds and
 *     2022 news feeds read in place from the shared folder (skipped, and listed, when it is absent).
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import Parser from "rss-parser";
import type { DocInput } from "../packages/core/src/scoring/index.ts";

export const evalDir = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(evalDir, "..");

/** $STORYWIRE_SHARED_DIR, else ../shared beside the repository. */
export const sharedDir = process.env.STORYWIRE_SHARED_DIR ?? resolve(repoRoot, "..", "shared");

export type SetRole = "tuning" | "frozen";

export interface FramingExpectation {
  label?: string;
  lean?: "russian" | "ukrainian" | "neutral";
}

export interface EvalCase {
  id: string;
  /** article (a text of the set), seed (shared seeds) or feed (an item of a shared feed). */
  source: "article" | "seed" | "feed";
  /** The writer's form ("statement", "headline", "scraped", ...), "unspecified" when not given. */
  form: string;
  doc: DocInput;
  storylines: string[];
  note?: string;
  framing?: FramingExpectation;
}

export interface EvalPair {
  id: string;
  a: string;
  b: string;
  relation: string;
  note?: string;
}

export interface EvalSet {
  /** Folder relative to eval/ ("." for eval/ itself). */
  dir: string;
  name: string;
  role: SetRole;
  description: string;
  storylineIds: string[];
  cases: EvalCase[];
  pairs: EvalPair[];
  /** What could not be loaded, one sentence each. */
  skipped: string[];
}

interface ManifestEntry {
  dir: string;
  name?: string;
  role: SetRole;
  description?: string;
}

const RELATIONS = new Set(["duplicate", "update", "related", "unrelated"]);

function readJson<T>(path: string): T {
  try {
    return JSON.parse(readFileSync(path, "utf8")) as T;
  } catch (err) {
    throw new Error(`${relative(repoRoot, path)} is not valid JSON: ${err instanceof Error ? err.message : err}`);
  }
}

function manifest(): ManifestEntry[] {
  const path = join(evalDir, "sets.json");
  return existsSync(path) ? readJson<{ sets: ManifestEntry[] }>(path).sets : [];
}

/** Every set folder (eval/ itself and its sub-folders with a labels.json), with its role. */
export function listSets(): ManifestEntry[] {
  const known = new Map(manifest().map((m) => [m.dir, m]));
  const dirs = ["."];
  for (const name of readdirSync(evalDir).sort()) {
    const path = join(evalDir, name);
    if (statSync(path).isDirectory() && existsSync(join(path, "labels.json"))) dirs.push(name);
  }
  return dirs.map(
    (dir) =>
      known.get(dir) ?? {
        dir,
        role: "frozen",
        description: "not in eval/sets.json: treated as frozen",
      },
  );
}

/** Resolves a set given as a path (absolute, relative to the working directory, or to eval/). */
export function findSet(path: string): ManifestEntry {
  const candidates = [resolve(path), resolve(evalDir, path)];
  const abs = candidates.find((p) => existsSync(join(p, "labels.json")));
  if (abs === undefined) throw new Error(`${path} is not an evaluation set: it has no labels.json.`);
  const dir = relative(evalDir, abs) || ".";
  return listSets().find((s) => s.dir === dir) ?? { dir, role: "frozen", description: "outside eval/" };
}

function stripTags(html: string): string {
  return html
    .replace(/<[^>]*>/g, " ")
    .replace(/&nbsp;/g, " ")
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, " ")
    .trim();
}

interface LegacyLabels {
  storylines: string[];
  articles: { file: string; storylines: string[]; note?: string; framing?: FramingExpectation }[];
  seeds: { file: string; storylines: string[]; note?: string; framing?: FramingExpectation }[];
  feeds: { file: string; default: string[]; reviewed: { guid: string; storylines: string[]; note?: string }[] }[];
}

type PerFileLabels = Record<string, Record<string, unknown>>;

interface RawPair {
  id?: string;
  a: string;
  b: string;
  relation: string;
  note?: string;
}

async function loadFeedCases(labels: LegacyLabels, skipped: string[]): Promise<EvalCase[]> {
  const parser = new Parser();
  const out: EvalCase[] = [];
  for (const feed of labels.feeds) {
    const path = join(sharedDir, "fixtures", "feeds", feed.file);
    if (!existsSync(path)) {
      skipped.push(`feed ${feed.file}: not found under ${join(sharedDir, "fixtures", "feeds")}`);
      continue;
    }
    const parsed = await parser.parseString(readFileSync(path, "utf8"));
    const reviewed = new Map(feed.reviewed.map((r) => [r.guid, r.storylines]));
    const seen = new Set(reviewed.keys());
    for (const item of parsed.items) {
      const guid = item.guid ?? item.link ?? item.title ?? "";
      seen.delete(guid);
      const body = item.contentSnippet ?? stripTags(item.content ?? item.summary ?? "");
      out.push({
        id: `${feed.file}#${guid}`,
        source: "feed",
        form: "feed-item",
        doc: { title: item.title ?? null, text: body },
        storylines: reviewed.get(guid) ?? feed.default,
      });
    }
    for (const missing of seen) skipped.push(`feed ${feed.file}: labelled item ${missing} is not in the feed`);
  }
  return out;
}

async function loadLegacy(dir: string, labels: LegacyLabels, skipped: string[]) {
  const cases: EvalCase[] = labels.articles.map((a) => ({
    id: a.file,
    source: "article" as const,
    form: "unspecified",
    doc: readFileSync(join(dir, a.file), "utf8"),
    storylines: a.storylines,
    note: a.note,
    framing: a.framing,
  }));
  const seedsDir = join(sharedDir, "seeds");
  for (const s of labels.seeds) {
    const path = join(seedsDir, s.file);
    if (!existsSync(path)) {
      skipped.push(`seed ${s.file}: not found under ${seedsDir}`);
      continue;
    }
    cases.push({
      id: `seed:${s.file}`,
      source: "seed",
      form: "seed",
      doc: readFileSync(path, "utf8"),
      storylines: s.storylines,
      note: s.note,
      framing: s.framing,
    });
  }
  cases.push(...(await loadFeedCases(labels, skipped)));
  return { storylineIds: labels.storylines, cases };
}

/** The file a per-file label names: under articles/, else inside the set. */
function labelledFile(dir: string, key: string): string | null {
  for (const path of [join(dir, "articles", key), join(dir, key)]) if (existsSync(path)) return path;
  return null;
}

function loadPerFile(dir: string, labels: PerFileLabels, skipped: string[]) {
  const ids = new Set<string>();
  const cases: EvalCase[] = [];
  for (const [key, label] of Object.entries(labels)) {
    if (key.startsWith("$")) continue;
    const path = labelledFile(dir, key);
    if (path === null) {
      skipped.push(`label ${key}: no such file under ${relative(repoRoot, dir)}/articles`);
      continue;
    }
    const storylines: string[] = [];
    for (const [field, value] of Object.entries(label)) {
      if (typeof value !== "boolean") continue;
      ids.add(field);
      if (value) storylines.push(field);
    }
    cases.push({
      id: relative(dir, path),
      source: "article",
      form: typeof label.form === "string" && label.form !== "" ? label.form : "unspecified",
      doc: readFileSync(path, "utf8"),
      storylines,
      note: typeof label.note === "string" ? label.note : undefined,
    });
  }
  const articles = join(dir, "articles");
  if (existsSync(articles)) {
    const labelled = new Set(cases.map((c) => c.id));
    for (const f of readdirSync(articles).filter((f) => f.endsWith(".txt"))) {
      if (!labelled.has(join("articles", f))) skipped.push(`articles/${f} has no label and is not scored`);
    }
  }
  return { storylineIds: [...ids].sort(), cases };
}

/** Reads a pair member: "seed:<file>" from the shared seeds, else a path inside the set. */
function readPairText(dir: string, ref: string): string | null {
  const path = ref.startsWith("seed:") ? join(sharedDir, "seeds", ref.slice(5)) : join(dir, ref);
  return existsSync(path) ? readFileSync(path, "utf8") : null;
}

function loadPairs(dir: string, skipped: string[]): EvalPair[] {
  const path = join(dir, "pairs.json");
  if (!existsSync(path)) return [];
  const raw = readJson<RawPair[] | { pairs: RawPair[] }>(path);
  const list = Array.isArray(raw) ? raw : raw.pairs;
  const out: EvalPair[] = [];
  list.forEach((p, i) => {
    const id = p.id ?? `#${i + 1} ${p.a.split("/").pop()} ~ ${p.b.split("/").pop()}`;
    if (!RELATIONS.has(p.relation)) {
      skipped.push(`pair ${id}: unknown relation "${p.relation}"`);
      return;
    }
    const a = readPairText(dir, p.a);
    const b = readPairText(dir, p.b);
    if (a === null || b === null) {
      skipped.push(`pair ${id}: ${a === null ? p.a : p.b} not found`);
      return;
    }
    out.push({ id, a, b, relation: p.relation, note: p.note });
  });
  return out;
}

/** Loads one set. */
export async function loadSet(entry: ManifestEntry): Promise<EvalSet> {
  const dir = resolve(evalDir, entry.dir);
  const skipped: string[] = [];
  const labels = readJson<LegacyLabels | PerFileLabels>(join(dir, "labels.json"));
  const { storylineIds, cases } =
    "articles" in labels && Array.isArray(labels.articles)
      ? await loadLegacy(dir, labels as LegacyLabels, skipped)
      : loadPerFile(dir, labels as PerFileLabels, skipped);
  return {
    dir: entry.dir,
    name: entry.name ?? (entry.dir === "." ? "eval" : entry.dir),
    role: entry.role,
    description: entry.description ?? "",
    storylineIds,
    cases,
    pairs: loadPairs(dir, skipped),
    skipped,
  };
}

/** Loads every set of a role. */
export async function loadSets(role: SetRole): Promise<EvalSet[]> {
  const out: EvalSet[] = [];
  for (const entry of listSets()) if (entry.role === role) out.push(await loadSet(entry));
  return out;
}
