import { readFileSync } from "node:fs";
import { admin, startTestApp, type TestApp } from "@storywire/api/test-support/app";
import { FRAMING_LABELS, frameArticle, validateFramingLexicon } from "@storywire/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

/** The data file the scorer loads, read from disk (not through the module that serves it). */
const file = JSON.parse(
  readFileSync(new URL("../../../core/src/scoring/framing-lexicon.json", import.meta.url), "utf8"),
) as Record<string, unknown>;

describe("GET /framing/lexicon", () => {
  it("serves the framing lexicon file the scorer loads, and the labels, without a key", async () => {
    const res = await t.request("/framing/lexicon");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    const body = (await res.json()) as { labels: string[]; lexicon: Record<string, unknown> };
    expect(body.lexicon).toEqual(file);
    expect(body.labels).toEqual([...FRAMING_LABELS]);
    expect(validateFramingLexicon(body.lexicon)).toMatchObject({ ok: true });
    // The lists moved out of the scorer are there, and the scorer still uses them: "aggression against Russia"
    // is the Kremlin's framing, not an accusation of Russia.
    expect(body.lexicon.aimedAt).toEqual({
      russia: expect.arrayContaining(["russia", "kremlin"]),
      victimPrepositions: expect.arrayContaining(["against"]),
      threatPrepositions: expect.arrayContaining(["from"]),
    });
    const text = (object: string) =>
      `The Kremlin said the West was preparing ${object}. Russian officials repeated the claim on Tuesday.`;
    const against = frameArticle({ title: "", text: text("aggression against Russia") }).stance.value;
    const by = frameArticle({ title: "", text: text("for Russian aggression") }).stance.value;
    expect(against).toBeGreaterThan(by);
  });

  it("answers 304 to its own ETag, and 405 to a write", async () => {
    const first = await t.request("/framing/lexicon");
    const etag = first.headers.get("etag") ?? "";
    expect(etag).toMatch(/^"[\w-]{22}"$/);
    const again = await t.request("/framing/lexicon", { headers: { "if-none-match": `W/${etag}, "other"` } });
    expect(again.status).toBe(304);
    const write = await t.request("/framing/lexicon", { method: "PUT", headers: admin, json: {} });
    expect(write.status).toBe(405);
    expect(write.headers.get("allow")).toBe("GET, HEAD");
  });
});
