import { describe, expect, it } from "vitest";
import { storyDoc } from "./score.ts";

describe("storyDoc", () => {
  it("keeps the first paragraph of a story's text (the headline is the story's title, not a line of its text)", () => {
    const doc = storyDoc({
      title: "Arctic shipping season opens early",
      text: "Cargo ships began using the Northern Sea Route early, officials in Murmansk said.\n\nTraffic has grown every year.",
    });
    expect(doc).toEqual({
      title: "Arctic shipping season opens early",
      paragraphs: [
        "Cargo ships began using the Northern Sea Route early, officials in Murmansk said.",
        "Traffic has grown every year.",
      ],
    });
  });
});
