import { makeFraming, makeStory, score } from "@storywire/api/test-support/dashboard";
import { toStorySummary } from "@storywire/store";
import { describe, expect, it } from "vitest";
import { summaryOf } from "./story-rows.ts";

describe("summaryOf", () => {
  it("takes a summary as it is and turns a whole story into one", () => {
    const story = makeStory({
      storylines: [score("sco", 0.5)],
      framing: makeFraming("neutral-report", "s"),
      novel: ["x"],
    });
    const summary = toStorySummary(story);
    expect(summaryOf(summary)).toBe(summary);
    expect(summaryOf(story)).toEqual(summary);
    expect(summaryOf(story)).not.toHaveProperty("text");
  });
});
