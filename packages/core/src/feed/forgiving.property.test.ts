/**
 * Property-based tests (fast-check) of the forgiving reader over the real fixture feeds, damaged three ways:
 * truncated, bytes flipped, entities broken. Whatever the damage, reading the feed
 * - never throws anything but a FeedError (a clear sentence), and never one once a complete item was read;
 * - never runs past the deadline;
 * - never yields a story that breaks the Story invariants (story/invariants.ts);
 * - never yields fewer complete items than appear before the first damage, and those items are the same.
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

describeShared("forgiving ingest: damaged real feeds (fast-check)", () => {
  const fixtures = hasShared ? loadFixtures() : Promise.resolve([]);
  const fixture = () => fc.integer({ min: 0, max: 1_000 });
  const pick = async (index: number) => {
    const all = await fixtures;
    return all[index % all.length] as Fixture;
  };

  it("the undamaged fixtures read without error and yield sound stories", async () => {
    for (const f of await fixtures) await checkDamaged(f, { bytes: f.bytes, at: f.bytes.length, what: "undamaged" });
  });

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
