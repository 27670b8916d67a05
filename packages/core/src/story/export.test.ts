import { describe, expect, it } from "vitest";
import { exportFileName, storyParagraphs, storySeedText } from "./export.ts";

describe("storySeedText", () => {
  it.each<[string, { title: string; text: string }, string]>([
    ["title and paragraphs", { title: "Headline", text: "One.\n\nTwo." }, "Headline\n\nOne.\n\nTwo.\n"],
    ["no title: one paragraph per line", { title: "", text: "One.\n\nTwo." }, "One.\nTwo.\n"],
    ["blank lines with spaces", { title: "H", text: "One.\n  \nTwo.\n\n\n" }, "H\n\nOne.\n\nTwo.\n"],
    ["empty story", { title: "", text: "" }, ""],
  ])("%s", (_name, story, expected) => {
    expect(storySeedText(story)).toBe(expected);
  });

  it("splits the text into its paragraphs", () => {
    expect(storyParagraphs({ text: "A\n\nB\n \nC" })).toEqual(["A", "B", "C"]);
  });
});

describe("exportFileName", () => {
  const id = "1d6d5fc977bff7a7";
  it.each<[number, string]>([
    [0, `000_${id}.txt`],
    [4, `004_${id}.txt`],
    [42, `042_${id}.txt`],
    [999, `999_${id}.txt`],
    [1000, `1000_${id}.txt`],
  ])("%i", (index, expected) => {
    expect(exportFileName(index, { id })).toBe(expected);
  });

  it.each<[number, string]>([
    [-1, id],
    [1.5, id],
    [Number.NaN, id],
    [1, "../../etc/passwd"],
    [1, "ABCDEF0123456789"],
  ])("rejects index %s with id %s", (index, badId) => {
    expect(() => exportFileName(index, { id: badId })).toThrow(RangeError);
  });
});
