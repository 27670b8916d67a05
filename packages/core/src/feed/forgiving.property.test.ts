/**
 * Property-based tests (fast-check) of the forgiving reader over the real fixture feeds, damaged three ways:
 * truncated, bytes flipped, entities broken; and over the JSON Feed fixtures (as they are, and as longer feeds made
 * of copies of their item), truncated, bytes flipped, and with the slips feed templates make (a comma too many or
 * too few, a raw control character, an invalid escape or an unescaped quote in a string). Whatever the damage,
 * reading the feed
 * - never throws anything but a FeedError (a clear sentence), and never one once a complete item was read;
 * - never runs past the deadline;
 * - never yields a story that breaks the Story invariants (story/invariants.ts);
 * - never yields fewer complete items than appear before the first damage, and those items are the same;
 * - (JSON slips) keeps every item, the same ones when no string was touched.
 */
import { readdirSync, readFileSync } from "node:fs";
import fc from "fast-check";
import { expect, it } from "vitest";
import { describeShared, hasShared, sharedPath } from "../../../../test/support/shared.ts";
import { buildStory } from "../story/build-story.ts";
import { storyProblems } from "../story/invariants.ts";
import type { ParsedFeed } from "../types.ts";
import { FeedError } from "./errors.ts";
import { readFeedBytes } from "./parse.ts";

const FEED_URL = "https://fixtures.example/feed.xml";
/** A hang detector, not a speed target: the largest fixture reads in well under a second. */
const DEADLINE_MS = 10_000;
const OPTIONS = { maxItems: 100_000 };
const RUNS = Number(process.env.STORYWIRE_FC_RUNS ?? 30);

interface Fixture {
  file: string;
  bytes: Buffer;
  original: ParsedFeed;
  /** End offsets (in bytes) of the item / entry elements of the undamaged document. */
  itemEnds: number[];
}

const ITEM_END = /<\/(?:[A-Za-z_][\w.-]*:)?(?:item|entry)\s*>/g;

async function loadFixtures(): Promise<Fixture[]> {
  const dir = sharedPath("fixtures", "feeds");
  const files = readdirSync(dir).filter((file) => file.endsWith(".xml"));
  return Promise.all(
    files.map(async (file) => {
      const bytes = readFileSync(`${dir}/${file}`);
      const original = await readFeedBytes(bytes, null, FEED_URL, OPTIONS);
      const itemEnds = [...bytes.toString("latin1").matchAll(ITEM_END)].map((m) => m.index + m[0].length);
      return { file, bytes, original, itemEnds };
    }),
  );
}

interface Damage {
  bytes: Buffer;
  /** Offset of the first damaged byte. */
  at: number;
  what: string;
}

function truncate(fixture: Fixture, fraction: number): Damage {
  const at = Math.floor(fixture.bytes.length * fraction);
  return { bytes: fixture.bytes.subarray(0, at), at, what: `truncated at ${at}` };
}

function flip(fixture: Fixture, flips: [number, number][]): Damage {
  const bytes = Buffer.from(fixture.bytes);
  let at = bytes.length;
  for (const [fraction, value] of flips) {
    const offset = Math.min(bytes.length - 1, Math.floor(bytes.length * fraction));
    if (bytes[offset] === value) continue;
    bytes[offset] = value;
    at = Math.min(at, offset);
  }
  return { bytes, at, what: `bytes flipped from ${at}` };
}

const BROKEN_ENTITIES = ["&", "&foo;", "&amp", "&#xZZ;", "&#0;", "&nbsp;", "& "];

function breakEntity(fixture: Fixture, fraction: number, replacement: string): Damage {
  const text = fixture.bytes.toString("latin1");
  const references = [...text.matchAll(/&[#\w]+;/g)];
  if (references.length === 0) {
    const at = Math.floor(text.length * fraction);
    return {
      bytes: Buffer.concat([fixture.bytes.subarray(0, at), Buffer.from(replacement), fixture.bytes.subarray(at)]),
      at,
      what: `"${replacement}" inserted at ${at}`,
    };
  }
  const m = references[Math.min(references.length - 1, Math.floor(references.length * fraction))] as RegExpExecArray;
  const at = m.index;
  return {
    bytes: Buffer.concat([
      fixture.bytes.subarray(0, at),
      Buffer.from(replacement),
      fixture.bytes.subarray(at + m[0].length),
    ]),
    at,
    what: `${m[0]} replaced by "${replacement}" at ${at}`,
  };
}

async function checkDamaged(fixture: Fixture, damage: Damage): Promise<void> {
  const context = `${fixture.file}: ${damage.what}`;
  const completeBefore = fixture.itemEnds.filter((end) => end <= damage.at).length;
  // Items the undamaged feed itself skips (duplicates, empty ones) do not count.
  const expected = Math.max(
    0,
    Math.min(completeBefore, fixture.original.items.length) - fixture.original.skipped.length,
  );
  const started = performance.now();
  let feed: ParsedFeed;
  try {
    feed = await readFeedBytes(damage.bytes, null, FEED_URL, OPTIONS);
  } catch (error) {
    expect(error, context).toBeInstanceOf(FeedError);
    expect((error as Error).message, context).toMatch(/^The document at .+\.$/s);
    expect(expected, `${context}: refused although ${expected} complete items came before the damage`).toBe(0);
    return;
  } finally {
    expect(performance.now() - started, context).toBeLessThan(DEADLINE_MS);
  }
  expect(feed.items.length, context).toBeGreaterThanOrEqual(expected);
  expect(
    feed.items.slice(0, expected).map((item) => item.key),
    context,
  ).toEqual(fixture.original.items.slice(0, expected).map((item) => item.key));
  const fetchedAt = "2024-05-01T10:00:00.000Z";
  for (const item of feed.items) {
    const story = buildStory(item, { feedId: null, feedUrl: FEED_URL, feedTitle: feed.title, fetchedAt });
    expect(storyProblems(story), `${context}: item ${item.key}`).toEqual([]);
  }
}

/**
 * End offsets (in bytes) of the elements of a JSON document's top-level "items" list, found by a plain bracket scan
 * (strings skipped), independent of the reader under test.
 */
function jsonItemEnds(bytes: Buffer): number[] {
  const text = bytes.toString("latin1");
  const ends: number[] = [];
  let depth = 0;
  let itemsDepth = -1;
  let lastString = "";
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === "\\" ? 2 : 1;
      lastString = text.slice(i + 1, j);
      i = j;
    } else if (c === "[" || c === "{") {
      depth += 1;
      if (c === "[" && depth === 2 && lastString === "items") itemsDepth = depth;
    } else if (c === "]" || c === "}") {
      if (depth === itemsDepth + 1 && itemsDepth > 0) ends.push(i + 1);
      if (depth === itemsDepth) itemsDepth = -1;
      depth -= 1;
    }
  }
  return ends;
}

/** A longer JSON Feed made of copies of a fixture's first item, each with its own id, URL and title. */
function multiplied(bytes: Buffer, copies: number): Buffer {
  const feed = JSON.parse(bytes.toString("utf8")) as { items: Record<string, unknown>[] };
  const [item] = feed.items;
  feed.items = Array.from({ length: copies }, (_, n) => ({
    ...item,
    id: `copy-${n}`,
    url: `http://127.0.0.1/items/${n}`,
    title: `Copy ${n} of ${String(item?.title ?? "")}`,
  }));
  return Buffer.from(JSON.stringify(feed, null, "\t"));
}

async function loadJsonFixtures(): Promise<Fixture[]> {
  const dir = sharedPath("fixtures", "feeds");
  const documents = readdirSync(dir)
    .filter((file) => file.endsWith(".json"))
    .flatMap((file) => {
      const bytes = readFileSync(`${dir}/${file}`);
      return [
        { file, bytes },
        { file: `${file} x8`, bytes: multiplied(bytes, 8) },
      ];
    });
  return Promise.all(
    documents.map(async ({ file, bytes }) => ({
      file,
      bytes,
      original: await readFeedBytes(bytes, null, FEED_URL, OPTIONS),
      itemEnds: jsonItemEnds(bytes),
    })),
  );
}

/** The slips a feed template makes, at a place fast-check picks. */
const SLIPS = ["trailing comma", "missing comma", "control character", "invalid escape", "unescaped quote"] as const;
type Slip = (typeof SLIPS)[number];

function slip(fixture: Fixture, kind: Slip, fraction: number): Damage & { touchesStrings: boolean } {
  const text = fixture.bytes.toString("latin1");
  const pattern =
    kind === "trailing comma"
      ? /"(?=\s*[}\]])/g
      : kind === "missing comma"
        ? /,(?=\s*["{[])/g
        : /"[^"\\]{2,}"(?=\s*[,}\]])/g;
  // In the items (a slip in the feed's own "version" makes it another document, which no reader can know).
  const places = [...text.matchAll(pattern)].filter((m) => m.index > text.indexOf('"items"'));
  const m = places[Math.min(places.length - 1, Math.floor(places.length * fraction))];
  if (!m)
    return { bytes: fixture.bytes, at: fixture.bytes.length, what: `no place for a ${kind}`, touchesStrings: false };
  const inside = m.index + 2; // inside a string: after its opening quote and first character
  const [at, remove, insert] =
    kind === "trailing comma"
      ? [m.index + 1, 0, ","]
      : kind === "missing comma"
        ? [m.index, 1, ""]
        : kind === "control character"
          ? [inside, 0, "\u0001\t"]
          : kind === "invalid escape"
            ? [inside, 0, "\\'"]
            : [inside, 0, '"'];
  const bytes = Buffer.concat([
    fixture.bytes.subarray(0, at),
    Buffer.from(insert, "latin1"),
    fixture.bytes.subarray(at + remove),
  ]);
  return { bytes, at, what: `${kind} at ${at}`, touchesStrings: kind !== "trailing comma" && kind !== "missing comma" };
}

type Pick = (index: number) => Promise<Fixture>;

/** A fixture fast-check picks by index (any integer), from a list loaded once. */
function picker(fixtures: Promise<Fixture[]>): Pick {
  return async (index) => {
    const all = await fixtures;
    return all[index % all.length] as Fixture;
  };
}

const fixture = () => fc.integer({ min: 0, max: 1_000 });

/** The damage every format is tested with: truncated anywhere, bytes flipped. */
function truncatedAndFlipped(pick: Pick): void {
  it("truncated anywhere", async () => {
    await fc.assert(
      fc.asyncProperty(fixture(), fc.double({ min: 0, max: 1, noNaN: true }), async (index, fraction) =>
        checkDamaged(await pick(index), truncate(await pick(index), fraction)),
      ),
      { numRuns: RUNS },
    );
  });

  it("bytes flipped", async () => {
    await fc.assert(
      fc.asyncProperty(
        fixture(),
        fc.array(
          fc.tuple(fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), fc.integer({ min: 0, max: 255 })),
          {
            minLength: 1,
            maxLength: 4,
          },
        ),
        async (index, flips) => checkDamaged(await pick(index), flip(await pick(index), flips)),
      ),
      { numRuns: RUNS },
    );
  });
}

describeShared("forgiving ingest: damaged JSON Feeds (fast-check)", () => {
  const fixtures = hasShared ? loadJsonFixtures() : Promise.resolve([]);
  const pick = picker(fixtures);

  it("the fixtures read without error, item by item as the bracket scan finds them", async () => {
    const all = await fixtures;
    expect(all.length).toBeGreaterThanOrEqual(4);
    for (const f of all) {
      expect(f.original.items.length, f.file).toBe(f.itemEnds.length);
      expect(f.original.repairs, f.file).toEqual([]);
      await checkDamaged(f, { bytes: f.bytes, at: f.bytes.length, what: "undamaged" });
    }
  });

  truncatedAndFlipped(pick);

  it("a template's slips: every item kept, and recorded as a repair", async () => {
    await fc.assert(
      fc.asyncProperty(
        fixture(),
        fc.constantFrom(...SLIPS),
        fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
        async (index, kind, fraction) => {
          const f = await pick(index);
          const damage = slip(f, kind, fraction);
          await checkDamaged(f, damage);
          const feed = await readFeedBytes(damage.bytes, null, FEED_URL, OPTIONS);
          const context = `${f.file}: ${damage.what}`;
          expect(feed.items.length, context).toBe(f.original.items.length);
          if (!damage.touchesStrings) {
            expect(
              feed.items.map((item) => item.key),
              context,
            ).toEqual(f.original.items.map((item) => item.key));
          }
          if (damage.at < f.bytes.length) expect(feed.repairs?.length, context).toBeGreaterThan(0);
        },
      ),
      { numRuns: RUNS },
    );
  });
});

describeShared("forgiving ingest: damaged real feeds (fast-check)", () => {
  const fixtures = hasShared ? loadFixtures() : Promise.resolve([]);
  const pick = picker(fixtures);

  it("the undamaged fixtures read without error and yield sound stories", async () => {
    for (const f of await fixtures) await checkDamaged(f, { bytes: f.bytes, at: f.bytes.length, what: "undamaged" });
  });

  truncatedAndFlipped(pick);

  it("entities broken", async () => {
    await fc.assert(
      fc.asyncProperty(
        fixture(),
        fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
        fc.constantFrom(...BROKEN_ENTITIES),
        async (index, fraction, replacement) =>
          checkDamaged(await pick(index), breakEntity(await pick(index), fraction, replacement)),
      ),
      { numRuns: RUNS },
    );
  });
});
