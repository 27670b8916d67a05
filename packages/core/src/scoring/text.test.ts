import { describe, expect, it } from "vitest";
import { docSentences, parseDocText, splitSentences, textToParagraphs, tidyLine, toDoc } from "./text.ts";

describe("splitSentences", () => {
  it.each([
    [
      "U.S. officials met in Geneva. Talks resume on Monday.",
      ["U.S. officials met in Geneva.", "Talks resume on Monday."],
    ],
    ["Gen. Valery Gerasimov spoke. He was brief.", ["Gen. Valery Gerasimov spoke.", "He was brief."]],
    [
      "The treaty expires on Feb. 5, 2026. Russia offered an extension.",
      ["The treaty expires on Feb. 5, 2026.", "Russia offered an extension."],
    ],
    ["The talks moved to the U.S. State Department.", ["The talks moved to the U.S. State Department."]],
    ["J. D. Vance arrived. Mr. Witkoff followed.", ["J. D. Vance arrived.", "Mr. Witkoff followed."]],
    ['"We are ready," he said. "Are you?" she asked.', ['"We are ready," he said.', '"Are you?" she asked.']],
    ["He said “it is over.” Nobody replied.", ["He said “it is over.”", "Nobody replied."]],
    ["It fell 5%. 2026 will be harder.", ["It fell 5%.", "2026 will be harder."]],
    ["Is it over? No! Not yet…", ["Is it over?", "No!", "Not yet…"]],
    ["sanctions.Source attribution: Business Insider.", ["sanctions.", "Source attribution: Business Insider."]],
    ["", []],
  ])("%j", (input, expected) => {
    expect(splitSentences(input)).toEqual(expected);
  });
});

describe("parseDocText", () => {
  it("reads a headline followed by a blank line", () => {
    expect(parseDocText("Headline here\n\nFirst paragraph.\n\nSecond paragraph.\n")).toEqual({
      title: "Headline here",
      paragraphs: ["First paragraph.", "Second paragraph."],
    });
  });

  it("treats a first block of several lines as body (no headline)", () => {
    const doc = parseDocText("Line one is a sentence.\nLine two is another.\n\n\n");
    expect(doc.title).toBeNull();
    expect(doc.paragraphs).toEqual(["Line one is a sentence.", "Line two is another."]);
  });

  it("joins hard-wrapped lines but keeps headings and sentences on their own lines", () => {
    expect(textToParagraphs("A sentence that wraps\nacross two lines.\nA Heading\nNext one.")).toEqual([
      "A sentence that wraps across two lines.",
      "A Heading",
      "Next one.",
    ]);
  });

  it("survives CRLF, a BOM and NUL bytes", () => {
    expect(parseDocText("\uFEFFTitle\r\n\r\nBody\u0000 text.\r\n")).toEqual({
      title: "Title",
      paragraphs: ["Body text."],
    });
  });
});

describe("toDoc", () => {
  it("accepts { title, paragraphs }, { title, text } and odd values", () => {
    expect(toDoc({ title: " T ", paragraphs: ["a.", "b.\n\nc."] })).toEqual({
      title: "T",
      paragraphs: ["a.", "b.", "c."],
    });
    expect(toDoc({ title: null, text: "One.\n\nTwo." })).toEqual({ title: null, paragraphs: ["One.", "Two."] });
    expect(toDoc({ title: "", text: "" })).toEqual({ title: null, paragraphs: [] });
    expect(toDoc(null as unknown as string)).toEqual({ title: null, paragraphs: [] });
  });

  it("does not take a first sentence that is only a place and a date for the lead", () => {
    const lead = (text: string) =>
      docSentences(toDoc(text))
        .filter((s) => s.where === "lead")
        .map((s) => s.text);
    expect(lead("Readout\n\n18 March 2025. The presidents spoke. They agreed.")).toEqual([
      "The presidents spoke.",
      "They agreed.",
    ]);
    expect(lead("Statement\n\nBeijing, 14 February 2025. China said no.")).toEqual(["China said no."]);
    expect(lead("Note\n\nMay 5 was the day. It rained.")).toEqual(["May 5 was the day.", "It rained."]);
  });

  it("drops site furniture from texts that were never normalized, in every input shape", () => {
    const body = [
      "The talks resumed in Geneva on Monday.",
      "Share on Facebook Share on X",
      "Related stories",
      "- [Ceasefire collapses in the east](https://example.test/a)",
      "- [Envoys head to Moscow](https://example.test/b)",
      "Tags: Ukraine, ceasefire, peace talks",
    ];
    const want = ["The talks resumed in Geneva on Monday."];
    expect(toDoc(`Headline\n\n${body.join("\n\n")}\n`).paragraphs).toEqual(want);
    expect(toDoc({ title: "Headline", paragraphs: body }).paragraphs).toEqual(want);
    expect(toDoc({ title: "Headline", text: body.join("\n") }).paragraphs).toEqual(want);
  });
});

describe("docSentences", () => {
  it("tags the headline, the first two body sentences as lead, and the rest as body", () => {
    const s = docSentences({ title: "Head", paragraphs: ["One. Two.", "Three."] });
    expect(s.map((x) => [x.index, x.where, x.text])).toEqual([
      [0, "title", "Head"],
      [1, "lead", "One."],
      [2, "lead", "Two."],
      [3, "body", "Three."],
    ]);
  });
});

describe("tidyLine", () => {
  it("removes the space stripped citations leave before punctuation", () => {
    expect(tidyLine("among the casualties .  More\u00A0text , here")).toBe("among the casualties. More text, here");
  });
});
