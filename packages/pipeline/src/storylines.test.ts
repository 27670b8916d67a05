import { compileQuery, defaultStorylines, parseStoryline, type Storyline } from "@storywire/core";
import type { Store } from "@storywire/store";
import { startTestDynamo, type TestDynamo } from "@storywire/store/test-support/records";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Logger } from "./ports.ts";
import { MAX_AGE_MS, StorylineCatalog, StorylineChangeError } from "./storylines.ts";

let env: TestDynamo;
beforeAll(async () => {
  env = await startTestDynamo();
});
afterAll(() => env.close());

const drills = parseStoryline(compileQuery('"joint maritime exercises"', { id: "drills" }).storyline);
const ids = (list: readonly Storyline[]) => list.map((s) => s.id);

/** The store, counting the calls a catalog makes. */
function counting(store: Store) {
  const calls = { version: 0, records: 0 };
  const counted: Store = {
    ...store,
    storylinesVersion: () => {
      calls.version += 1;
      return store.storylinesVersion();
    },
    listStorylineRecords: () => {
      calls.records += 1;
      return store.listStorylineRecords();
    },
  };
  return { store: counted, calls };
}

function recordingLogger() {
  const lines: { level: string; message: string; fields?: Record<string, unknown> }[] = [];
  const logger: Logger = {
    info: (message, fields) => void lines.push({ level: "info", message, fields }),
    warn: (message, fields) => void lines.push({ level: "warn", message, fields }),
    error: (message, fields) => void lines.push({ level: "error", message, fields }),
  };
  return { logger, lines };
}

async function refusal(promise: Promise<unknown>): Promise<StorylineChangeError> {
  const error = await promise.catch((e: unknown) => e);
  if (!(error instanceof StorylineChangeError)) throw new Error(`expected a refusal, got ${String(error)}`);
  return error;
}

describe("StorylineCatalog", () => {
  it("starts with the built-in storylines", async () => {
    const catalog = new StorylineCatalog({ store: await env.freshStore() });
    expect(ids(await catalog.list())).toEqual(["ceasefire", "new-start", "sco"]);
    expect((await catalog.entry("sco"))?.origin).toBe("builtin");
  });

  it("shows a change made in one runtime to another on its next list, with one point read when nothing changed", async () => {
    const base = await env.freshStore();
    const api = new StorylineCatalog({ store: base });
    const { store, calls } = counting(base);
    const warmContainer = new StorylineCatalog({ store });
    const before = await warmContainer.list();
    expect(await warmContainer.list()).toBe(before);
    expect(calls).toEqual({ version: 2, records: 1 });

    await api.create(drills, '"joint maritime exercises"');
    expect(ids(await warmContainer.list())).toEqual(["ceasefire", "new-start", "sco", "drills"]);
    expect(calls).toEqual({ version: 3, records: 2 });
    const entry = await warmContainer.entry("drills");
    expect(entry).toMatchObject({ origin: "user", query: '"joint maritime exercises"', revision: 1 });
    // The same objects while nothing changes: the scorer's compiled form stays cached too.
    expect(await warmContainer.list()).toBe(await warmContainer.list());
  });

  it("reloads after its maximum age even when the version did not move", async () => {
    let now = Date.parse("2025-08-01T00:00:00Z");
    const { store, calls } = counting(await env.freshStore());
    const catalog = new StorylineCatalog({ store, clock: { now: () => new Date(now) } });
    await catalog.list();
    now += MAX_AGE_MS - 1;
    await catalog.list();
    expect(calls.records).toBe(1);
    now += 2;
    await catalog.list();
    expect(calls.records).toBe(2);
  });

  it("edits a built-in storyline, and restore brings the built-in one back", async () => {
    const catalog = new StorylineCatalog({ store: await env.freshStore() });
    const builtin = defaultStorylines.find((s) => s.id === "sco") as Storyline;
    const edited = { ...builtin, threshold: 0.7 };
    const saved = await catalog.update(edited, null);
    expect(saved).toMatchObject({ origin: "edited", revision: 1, storyline: { threshold: 0.7 } });
    expect((await catalog.list()).find((s) => s.id === "sco")?.threshold).toBe(0.7);
    expect(await catalog.update({ ...edited, threshold: 0.6 }, null, 1)).toMatchObject({ revision: 2 });
    const restored = await catalog.restore("sco");
    expect(restored).toMatchObject({ origin: "builtin", revision: 0, storyline: builtin });
  });

  it("hides a deleted built-in storyline until it is restored or created again", async () => {
    const catalog = new StorylineCatalog({ store: await env.freshStore() });
    expect(await catalog.remove("sco")).toBe("hidden");
    expect(ids(await catalog.list())).toEqual(["ceasefire", "new-start"]);
    expect(await catalog.isHidden("sco")).toBe(true);
    const notFound = await refusal(catalog.update(defaultStorylines[2] as Storyline, null));
    expect(notFound.kind).toBe("not_found");
    expect(notFound.message).toMatch(/was deleted; POST \/storylines\/sco\/restore brings it back/);

    await catalog.create({ ...(defaultStorylines[2] as Storyline), title: "SCO, my way" }, null);
    expect(await catalog.entry("sco")).toMatchObject({ origin: "edited", storyline: { title: "SCO, my way" } });
    await catalog.restore("sco");
    expect((await catalog.entry("sco"))?.origin).toBe("builtin");
  });

  it("deletes a user storyline, and refuses while a subscription uses it", async () => {
    const store = await env.freshStore();
    const catalog = new StorylineCatalog({ store });
    await catalog.create(drills, null);
    for (const id of ["a000000000000001", "a000000000000002"]) {
      await store.createSubscription({
        id,
        storylines: ["sco", "drills"],
        minScore: 0,
        filters: {},
        mode: "immediate",
        channel: { type: "feed" },
        secret: "whsec_dGVzdA==",
        feedToken: `token-${id}-0123456789`,
      });
    }
    const inUse = await refusal(catalog.remove("drills"));
    expect(inUse.kind).toBe("in_use");
    expect(inUse.message).toBe(
      'The storyline "drills" is used by 2 subscriptions (a000000000000001, a000000000000002); delete them (DELETE /subscriptions/{id}) before deleting the storyline.',
    );
    expect((await refusal(catalog.remove("sco"))).kind).toBe("in_use");
    await store.deleteSubscription("a000000000000001");
    await store.deleteSubscription("a000000000000002");
    expect(await catalog.remove("drills")).toBe("deleted");
    expect(await catalog.entry("drills")).toBeNull();
    expect((await refusal(catalog.remove("drills"))).kind).toBe("not_found");
  });

  it.each([
    [
      "create over an existing id",
      (c: StorylineCatalog) => c.create(defaultStorylines[0] as Storyline, null),
      "exists",
    ],
    [
      "update at a stale revision",
      (c: StorylineCatalog) => c.update(defaultStorylines[0] as Storyline, null, 3),
      "stale",
    ],
    ["delete at a stale revision", (c: StorylineCatalog) => c.remove("ceasefire", 9), "stale"],
    ["restore a storyline that does not exist", (c: StorylineCatalog) => c.restore("drills"), "not_found"],
    ["update an unknown storyline", (c: StorylineCatalog) => c.update(drills, null), "not_found"],
  ])("refuses to %s", async (_, change, kind) => {
    const catalog = new StorylineCatalog({ store: await env.freshStore() });
    expect((await refusal(change(catalog))).kind).toBe(kind);
  });

  it("layers a storylines file over everything and keeps its storylines read-only", async () => {
    const store = await env.freshStore();
    await new StorylineCatalog({ store }).create(drills, null);
    const { logger, lines } = recordingLogger();
    const fileSco = { ...(defaultStorylines[2] as Storyline), title: "SCO from git" };
    const fileDrills = { ...drills, title: "Drills from git" };
    const catalog = new StorylineCatalog({
      store,
      logger,
      file: {
        source: "storylines.json",
        storylines: [
          { storyline: fileSco, query: null, notes: [] },
          { storyline: fileDrills, query: null, notes: [] },
        ],
      },
    });
    expect((await catalog.list()).map((s) => s.title)).toEqual([
      expect.stringMatching(/ceasefire/i),
      expect.stringMatching(/New START/),
      "SCO from git",
      "Drills from git",
    ]);
    expect((await catalog.entry("drills"))?.origin).toBe("file");
    expect(lines.map((l) => l.message)).toContain("storyline from file shadows a saved one");
    for (const change of [
      catalog.update(fileSco, null),
      catalog.remove("sco"),
      catalog.restore("sco"),
      catalog.create(fileDrills, null),
    ]) {
      const error = await refusal(change);
      expect(error.kind).toBe("read_only");
      expect(error.message).toMatch(/is defined in storylines\.json; .* it there and restart \(or redeploy\)\./);
    }
  });

  it("skips a saved storyline that no longer validates, says so once, and keeps the rest", async () => {
    const store = await env.freshStore();
    await store.saveStorylineRecord(
      { id: "broken", definition: { id: "broken", title: "x", cues: [] }, query: null },
      0,
    );
    const { logger, lines } = recordingLogger();
    const catalog = new StorylineCatalog({ store, logger });
    expect(ids(await catalog.list())).toEqual(["ceasefire", "new-start", "sco"]);
    catalog.invalidate();
    await catalog.list();
    const errors = lines.filter((l) => l.level === "error");
    expect(errors).toHaveLength(1);
    expect(errors[0]?.fields).toMatchObject({ storyline: "broken", errors: "cues: must have at least one cue" });
  });
});
