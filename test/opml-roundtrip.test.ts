/**
 * OPML round trip through the API: exports shaped like Feedly's, FreshRSS's and Miniflux's (nested folders, missing
 * titles, the same feed twice in other spellings) and a hand-broken file are imported; the export is imported into
 * an empty instance, which then watches exactly the same feeds under the same names. Nothing is fetched (the
 * queue only records), so no request leaves the machine.
 */
import { readFileSync } from "node:fs";
import { admin, startTestApp, type TestApp } from "@storywire/api/test-support/app";
import { afterEach, describe, expect, it } from "vitest";

const fixture = (name: string) =>
  readFileSync(new URL(`../packages/core/src/opml/test-fixtures/${name}`, import.meta.url), "utf8");

type ImportResult = {
  added: { title: string | null; url: string }[];
  existing: unknown[];
  duplicates: { line: number; sameAsLine: number }[];
  problems: { line: number; detail: string }[];
};
type Feed = { id: string; url: string; title: string | null; folder: string | null };

const apps: TestApp[] = [];
afterEach(async () => {
  for (const app of apps.splice(0)) await app.close();
});

async function instance(): Promise<TestApp> {
  const app = await startTestApp();
  apps.push(app);
  return app;
}

async function importFile(app: TestApp, body: string): Promise<ImportResult> {
  const res = await app.request("/feeds/import", {
    method: "POST",
    headers: { ...admin, "content-type": "text/x-opml" },
    body,
  });
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as ImportResult;
}

const feedsOf = async (app: TestApp) =>
  (((await (await app.request("/feeds")).json()) as { feeds: Feed[] }).feeds as Feed[])
    .map((f) => ({ url: f.url, title: f.title, folder: f.folder }))
    .sort((a, b) => a.url.localeCompare(b.url));

describe("OPML round trip", () => {
  it("imports the exports of three readers and a broken file, reporting what it could not use", async () => {
    const app = await instance();
    const feedly = await importFile(app, fixture("feedly-export.opml"));
    expect(feedly.added).toHaveLength(5);
    expect(feedly.duplicates).toEqual([expect.objectContaining({ line: 16, sameAsLine: 9 })]);
    expect(feedly.problems).toEqual([]);
    // Each feed keeps the folder it sat in (the first one, for the feed listed in two).
    const folders = Object.fromEntries((await feedsOf(app)).map((f) => [f.title, f.folder]));
    expect(folders).toMatchObject({
      "Kyiv Independent": "Ukraine",
      "BBC News - World": "Wires & world",
      "The Guardian: World": "Wires & world",
    });

    const freshrss = await importFile(app, fixture("freshrss-export.opml"));
    expect(freshrss.added.map((f) => f.title)).toEqual(["UN News", null, "SCMP China", "Xinhua", "SCO watchers"]);

    const miniflux = await importFile(app, fixture("miniflux-export.opml"));
    expect(miniflux.added).toHaveLength(3);
    expect(miniflux.duplicates).toHaveLength(1); // DW in capitals with tracking parameters and a fragment

    const broken = await importFile(app, fixture("broken-entries.opml"));
    expect(broken.added.map((f) => f.url)).toEqual([
      "https://good.example.org/rss",
      "http://legacy.example.org/rss.xml",
      "https://amp.example.org/rss?a=1&b=2",
      "https://inside.example.org/atom.xml",
    ]);
    expect(broken.problems.map((p) => p.line)).toEqual([7, 8, 9, 12]); // 12: the metadata address is blocked

    // Importing the same file again adds nothing.
    const again = await importFile(app, fixture("feedly-export.opml"));
    expect(again.added).toEqual([]);
    expect(again.existing).toHaveLength(5);
    expect(await feedsOf(app)).toHaveLength(17);
  });

  it("exports what another instance (or reader) imports back to the same feeds and names", async () => {
    const first = await instance();
    await importFile(first, fixture("feedly-export.opml"));
    await importFile(first, fixture("freshrss-export.opml"));
    const exported = await (await first.request("/feeds/export.opml")).text();

    const second = await instance();
    const result = await importFile(second, exported);
    expect(result.problems).toEqual([]);
    expect(result.duplicates).toEqual([]);
    const before = await feedsOf(first);
    const after = await feedsOf(second);
    // A feed without a title is exported under its host name (OPML outlines need a text), which names it there.
    expect(after).toEqual(before.map((f) => (f.title === null ? { ...f, title: new URL(f.url).hostname } : f)));
    expect(after).toHaveLength(10);
    // The folders come back as folders: one outline per folder, in name order, the feeds inside.
    const parsed = exported.match(/<outline text="[^"]*" title="[^"]*">/g) ?? [];
    expect(parsed).toEqual(
      [...new Set(before.map((f) => f.folder).filter((f) => f !== null))]
        .sort()
        .map((f) => `<outline text="${f.replace(/&/g, "&amp;")}" title="${f.replace(/&/g, "&amp;")}">`),
    );
    expect(parsed.length).toBeGreaterThan(1);
  });

  it("moves a feed to another folder (PATCH), which the export writes", async () => {
    const app = await instance();
    await importFile(app, fixture("feedly-export.opml"));
    const bbc = (((await (await app.request("/feeds")).json()) as { feeds: Feed[] }).feeds as Feed[]).find(
      (f) => f.title === "BBC News - World",
    );
    const moved = await app.request(`/feeds/${bbc?.id}`, { method: "PATCH", headers: admin, json: { folder: " UK " } });
    expect(moved.status).toBe(200);
    expect(await moved.json()).toMatchObject({ folder: "UK", title: "BBC News - World" });
    const exported = await (await app.request("/feeds/export.opml")).text();
    expect(exported).toMatch(/<outline text="UK" title="UK">\n\s+<outline type="rss" text="BBC News - World"/);
    const none = await app.request(`/feeds/${bbc?.id}`, { method: "PATCH", headers: admin, json: { folder: null } });
    expect(await none.json()).toMatchObject({ folder: null });
    const tooLong = await app.request(`/feeds/${bbc?.id}`, {
      method: "PATCH",
      headers: admin,
      json: { folder: "x".repeat(201) },
    });
    expect(tooLong.status).toBe(400);
    expect(await tooLong.json()).toMatchObject({ field: "folder" });
  });
});
