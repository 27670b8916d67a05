import { HOSTILE, markupProblems } from "@storywire/api/test-support/dashboard";
import { describe, expect, it } from "vitest";
import { countPerDay, dailyChart, framingMixChart, niceMax } from "./charts.ts";

const NOW = new Date("2026-11-25T10:00:00.000Z");

describe("countPerDay", () => {
  it("counts each relation per UTC day over the window, every day present, oldest first", () => {
    const days = countPerDay(
      [
        { at: "2026-11-25T09:00:00.000Z", relation: "update" },
        { at: "2026-11-25T01:00:00.000Z", relation: "first" },
        { at: "2026-11-23T23:59:59.999Z", relation: "duplicate" },
        { at: "2026-11-20T12:00:00.000Z", relation: "first" }, // before the window
      ],
      3,
      NOW,
    );
    expect(days).toEqual([
      { day: "2026-11-23", first: 0, update: 0, duplicate: 1 },
      { day: "2026-11-24", first: 0, update: 0, duplicate: 0 },
      { day: "2026-11-25", first: 1, update: 1, duplicate: 0 },
    ]);
  });
});

describe("niceMax", () => {
  it.each([
    [0, 1],
    [1, 1],
    [3, 5],
    [7, 10],
    [12, 20],
    [51, 100],
    [100, 100],
  ])("%i -> %i", (n, expected) => {
    expect(niceMax(n)).toBe(expected);
  });
});

describe("dailyChart", () => {
  it("draws one stacked bar per day with a tooltip and a text title, heights proportional to the counts", () => {
    const svg = dailyChart(
      [
        { day: "2026-11-24", first: 1, update: 0, duplicate: 0 },
        { day: "2026-11-25", first: 1, update: 2, duplicate: 1 },
      ],
      "c",
      "Stories per day",
    ).toString();
    expect(svg).toContain('role="img" aria-labelledby="c-title"');
    expect(svg).toContain('<title id="c-title">Stories per day</title>');
    expect(svg).toContain("<title>25 Nov: 4 stories (1 first, 2 updates, 1 duplicate)</title>");
    const heights = [...svg.matchAll(/<rect class="(first|update|duplicate)"[^>]*height="([\d.]+)"/g)].map(
      ([, relation, height]) => [relation, Number(height)],
    );
    // The axis tops out at 5 (the nice maximum above 4) over a 166-unit plot.
    expect(heights).toEqual([
      ["first", 33.2],
      ["first", 33.2],
      ["update", 66.4],
      ["duplicate", 33.2],
    ]);
    expect(markupProblems(svg)).toEqual([]);
  });
});

describe("framingMixChart", () => {
  it("draws a 100% bar per outlet split by label, outlet names escaped and clipped", () => {
    const svg = framingMixChart(
      {
        labels: { "kremlin-aligned": 2, "neutral-report": 2 },
        outlets: [
          { source: HOSTILE.title, stories: 3, labels: { "kremlin-aligned": 2, "neutral-report": 1 } },
          { source: "BBC", stories: 2, labels: { "neutral-report": 1 } },
          { source: "Hidden", stories: 1, labels: {} },
        ],
      },
      "m",
      "Framing mix",
      2,
    ).toString();
    expect(markupProblems(svg)).toEqual([]);
    expect(svg).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(svg).not.toContain("Hidden"); // beyond the outlets drawn
    const widths = [...svg.matchAll(/<rect class="seg (lbl-\w+)"[^>]*width="([\d.]+)"/g)].map(([, c, w]) => [
      c,
      Number(w),
    ]);
    expect(widths).toEqual([
      ["lbl-0", 313.3], // kremlin-aligned: 2 of 3 of a 470-unit bar
      ["lbl-7", 156.7], // neutral-report: 1 of 3
      ["lbl-7", 235], // 1 of 2; the other story is unframed and left blank
    ]);
  });
});
