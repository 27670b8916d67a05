import { describe, expect, it } from "vitest";
import { compare } from "./compare.ts";

const BASE = `Russia and Ukraine agree to halt strikes on energy sites

WASHINGTON, March 19 (Reuters) - Russia and Ukraine agreed on Wednesday to stop attacking each other's energy infrastructure for 30 days, the first concrete step towards a wider ceasefire.

President Vladimir Putin accepted the proposal in a phone call with U.S. President Donald Trump on Tuesday but rejected a full truce, the Kremlin said.

Ukrainian President Volodymyr Zelenskiy said Kyiv would honour the pause if Moscow did.

Technical teams will meet in Saudi Arabia next week to discuss how the moratorium would be monitored, White House envoy Steve Witkoff said.

Reporting by Tom Balmforth; Editing by Peter Graff`;

const paragraphs = BASE.split("\n\n");
const body = paragraphs.slice(1, 5);

describe("compare", () => {
  it.each([
    ["an identical text", BASE],
    [
      "a re-post with a new headline and no dateline or credits",
      ["Energy pause agreed", ...body.map((p) => p.replace(/^.*\(Reuters\) - /, ""))].join("\n\n"),
    ],
    ["a trimmed re-post", [paragraphs[0], paragraphs[1], paragraphs[2]].join("\n\n")],
    ["reordered paragraphs", [paragraphs[0], paragraphs[3], paragraphs[1], paragraphs[4], paragraphs[2]].join("\n\n")],
    [
      "a light rewrite",
      BASE.replace("on Tuesday", "Tuesday").replace("U.S.", "US").replace("would honour", "will honour"),
    ],
    ["a re-post with a sentence that adds no fact", `${BASE}\n\nThe talks were closely watched.`],
    ["a re-post with a background sentence", `${BASE}\n\nThe war began in February 2022.`],
  ])("calls %s a duplicate", (_name, b) => {
    const r = compare(BASE, b);
    expect(r.relation).toBe("duplicate");
    expect(r.novel).toEqual([]);
    expect(r.similarity).toBeGreaterThan(0.8);
  });

  it.each([
    [
      "a new paragraph with numbers and a quote",
      `${BASE}\n\nHours later Russia said it had downed 57 Ukrainian drones. "Kyiv has shown its true face," spokeswoman Maria Zakharova said.`,
      "Hours later Russia said it had downed 57 Ukrainian drones.",
    ],
    [
      "a changed figure in an otherwise identical sentence",
      BASE.replace("for 30 days", "for 45 days"),
      "Russia and Ukraine agreed on Wednesday to stop attacking each other's energy infrastructure for 45 days, the first concrete step towards a wider ceasefire.",
    ],
    [
      "a new quoted reaction",
      `${BASE}\n\n"It sounds like a good idea to me," Trump told reporters later.`,
      '"It sounds like a good idea to me," Trump told reporters later.',
    ],
  ])("calls %s an update and returns the new sentences", (_name, b, sentence) => {
    const r = compare(BASE, b);
    expect(r.relation).toBe("update");
    expect(r.novel).toContain(sentence);
  });

  it("calls another event of the same storyline related, and a different topic unrelated", () => {
    const otherRound = `Istanbul talks end without truce\n\nRussian and Ukrainian delegations met in Istanbul for direct peace talks but failed to agree a ceasefire. Ukraine's delegation was led by Rustem Umerov, while Vladimir Medinsky led Russia's team. Both sides agreed to swap 1,000 prisoners of war.`;
    expect(compare(BASE, otherRound).relation).toBe("related");
    const orchestra =
      "Orchestra tour\n\nThe Scottish Chamber Orchestra announced its summer festival with works by Mozart and Sibelius.";
    expect(compare(BASE, orchestra)).toMatchObject({ relation: "unrelated", novel: [] });
  });

  it("uses storyline ids when the caller already knows them", () => {
    const a = "x\n\nThe museum opened a new wing on Monday.";
    const b = "y\n\nA football club signed a striker.";
    expect(compare(a, b, { storylinesA: ["arts"], storylinesB: ["arts"] }).relation).toBe("related");
    expect(compare(a, b, { storylinesA: ["arts"], storylinesB: ["sport"] }).relation).toBe("unrelated");
  });

  it("never throws on empty input", () => {
    expect(compare("", "").relation).toBe("duplicate");
    expect(compare(BASE, "")).toMatchObject({ relation: "unrelated", similarity: 0, novel: [] });
    expect(compare("\u0000", BASE).relation).toBe("unrelated");
  });
});
