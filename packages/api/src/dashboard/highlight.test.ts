import { describe, expect, it } from "vitest";
import { highlight, type SentenceMark } from "./highlight.ts";

const ev = (sentence: string, note = "n"): SentenceMark => ({ sentence, kind: "evidence", note });
const nov = (sentence: string): SentenceMark => ({ sentence, kind: "novel", note: "new in this update" });

const shape = (paragraph: string, marks: SentenceMark[]) =>
  highlight(paragraph, marks).map((s) => [s.text, s.kinds.join("+")]);

describe("highlight", () => {
  it("leaves a paragraph without marks whole", () => {
    expect(shape("One. Two.", [])).toEqual([["One. Two.", ""]]);
    expect(shape("One. Two.", [ev("Three.")])).toEqual([["One. Two.", ""]]);
    expect(highlight("", [ev("x")])).toEqual([]);
  });

  it("marks evidence and novel sentences, and both where they are the same sentence", () => {
    const p = "Talks resumed. 12 warships will take part. The Kremlin declined to comment.";
    expect(
      shape(p, [ev("Talks resumed."), nov("12 warships will take part."), ev("12 warships will take part.")]),
    ).toEqual([
      ["Talks resumed.", "evidence"],
      [" ", ""],
      ["12 warships will take part.", "evidence+novel"],
      [" The Kremlin declined to comment.", ""],
    ]);
  });

  it("merges overlapping evidence of several storylines into one mark with every note", () => {
    const segments = highlight("Putin met Xi. Later.", [
      ev("Putin met Xi.", "sco: Xi"),
      ev("Putin met Xi.", "ceasefire: Putin"),
    ]);
    expect(segments[0]).toEqual({ text: "Putin met Xi.", kinds: ["evidence"], notes: ["sco: Xi", "ceasefire: Putin"] });
  });

  it("finds every occurrence, and a sentence whose whitespace differs", () => {
    expect(shape("Yes. No. Yes.", [ev("Yes.")])).toEqual([
      ["Yes.", "evidence"],
      [" No. ", ""],
      ["Yes.", "evidence"],
    ]);
    expect(shape("A  long\u00a0sentence here. B.", [ev("A long sentence here.")])).toEqual([
      ["A  long\u00a0sentence here.", "evidence"],
      [" B.", ""],
    ]);
  });

  it("treats regular-expression characters in sentences as text", () => {
    expect(shape("Costs (est.) rose $5 [sic]? Yes.", [ev("Costs  (est.) rose $5 [sic]?")])).toEqual([
      ["Costs (est.) rose $5 [sic]?", "evidence"],
      [" Yes.", ""],
    ]);
  });

  it("keeps hostile text as text: the segments carry no markup", () => {
    const p = "<img src=x onerror=alert(1)> said so.";
    expect(highlight(p, [ev("<img src=x onerror=alert(1)> said so.")])).toEqual([
      { text: p, kinds: ["evidence"], notes: ["n"] },
    ]);
  });
});
