import { describe, expect, it } from "vitest";
import { defaultStorylines } from "./defaults/index.ts";
import { scoreDocument } from "./score-document.ts";

describe("scoreDocument", () => {
  it("returns every storyline by id with score, matched and evidence, plus framing with its label", () => {
    const r = scoreDocument({
      title: "New START expires",
      paragraphs: [
        "The New START treaty between Russia and the United States expired on Feb. 5, 2026, the Kremlin said.",
      ],
    });
    expect(Object.keys(r.storylines).sort()).toEqual(defaultStorylines.map((s) => s.id).sort());
    expect(r.storylines["new-start"]).toMatchObject({ id: "new-start", matched: true });
    expect(r.storylines["new-start"]?.evidence[0]).toMatchObject({ cue: "New START", where: "title" });
    expect(r.framing.label).toEqual(expect.any(String));
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });

  it("accepts a custom storyline list", () => {
    expect(Object.keys(scoreDocument("text", []).storylines)).toEqual([]);
  });
});
