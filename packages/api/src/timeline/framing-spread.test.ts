import { describe, expect, it } from "vitest";
import { framingSpread } from "./framing-spread.ts";

describe("framingSpread", () => {
  it("counts labels per outlet and overall, biggest outlet first, unframed stories counted but unlabelled", () => {
    const spread = framingSpread([
      { source: "TASS", label: "kremlin-aligned" },
      { source: "BBC World", label: "neutral-report" },
      { source: "TASS", label: "kremlin-sourced" },
      { source: "TASS", label: "kremlin-aligned" },
      { source: "Kyiv Independent", label: null },
      { source: " ", label: "neutral-report" },
    ]);
    expect(spread.labels).toEqual({ "kremlin-aligned": 2, "kremlin-sourced": 1, "neutral-report": 2 });
    expect(spread.outlets).toEqual([
      { source: "TASS", stories: 3, labels: { "kremlin-aligned": 2, "kremlin-sourced": 1 } },
      { source: "BBC World", stories: 1, labels: { "neutral-report": 1 } },
      { source: "Kyiv Independent", stories: 1, labels: {} },
      { source: "unknown", stories: 1, labels: { "neutral-report": 1 } },
    ]);
  });

  it("is empty for no coverage", () => {
    expect(framingSpread([])).toEqual({ labels: {}, outlets: [] });
  });
});
