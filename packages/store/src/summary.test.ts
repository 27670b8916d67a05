import { describe, expect, it } from "vitest";
import { toStorySummary } from "./summary.ts";

describe("toStorySummary", () => {
  it("keeps what a list shows and drops the text, evidence and framing dimensions", () => {
    const summary = toStorySummary({
      id: "0123456789abcdef",
      key: "k",
      feedId: "f",
      title: "T",
      text: "long text",
      url: null,
      source: "S",
      author: null,
      language: "en",
      publishedAt: null,
      fetchedAt: "2026-01-01T00:00:00.000Z",
      storylines: [{ id: "sco", score: 0.8, matched: true, evidence: [{ cue: "SCO", sentence: "The SCO met." }] }],
      framing: { label: "neutral-report", summary: "one line" } as never,
      fingerprint: "ff",
      novel: ["new"],
      eventId: "e",
      relation: "update",
    });
    expect(summary).toEqual({
      id: "0123456789abcdef",
      key: "k",
      feedId: "f",
      title: "T",
      url: null,
      source: "S",
      author: null,
      language: "en",
      publishedAt: null,
      fetchedAt: "2026-01-01T00:00:00.000Z",
      storylines: [{ id: "sco", score: 0.8, matched: true }],
      framing: { label: "neutral-report", summary: "one line" },
      eventId: "e",
      relation: "update",
    });
  });
});
