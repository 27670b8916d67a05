import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { FramingLexiconError } from "./errors.ts";
import { framingLexicon, parseFramingLexicon, validateFramingLexicon } from "./framing-lexicon.ts";

const json = JSON.parse(readFileSync(new URL("./framing-lexicon.json", import.meta.url), "utf8")) as Record<
  string,
  unknown
>;

describe("the framing lexicon is data", () => {
  it("validates the file, and the module uses it as written", () => {
    const r = validateFramingLexicon(json);
    expect(r.ok ? [] : r.errors).toEqual([]);
    expect(framingLexicon).toEqual(json);
  });

  it.each<[string, Record<string, unknown>, string]>([
    [
      "a weight out of range",
      {
        aggressor: [
          { phrase: "invasion", weight: 2 },
          { phrase: "aggression", weight: 11 },
        ],
      },
      "aggressor[1].weight must be a number between 0 and 10",
    ],
    ["an empty phrase", { hedging: ["reportedly", ""] }, "hedging[1] must not be empty"],
    ["a phrase without letters", { loaded: ["--"] }, "loaded[0] must contain at least one letter or digit"],
    ["a missing source category", { sources: { anonymous: ["insiders"] } }, "sources.stateMedia is required"],
    ["an unknown field", { extra: [] }, 'the lexicon has an unknown field "extra"'],
    [
      "a word list entry of two words",
      { unnamedPerson: { quantifiers: ["a"], nouns: ["senior official"] } },
      "unnamedPerson.nouns[0] must be a single word of letters",
    ],
    [
      "a word aimed at that is not in lower case",
      { aimedAt: { russia: ["Russia"], victimPrepositions: ["against"], threatPrepositions: ["from"] } },
      "aimedAt.russia[0] must be written in lower case",
    ],
    [
      "a missing list of prepositions",
      { aimedAt: { russia: ["russia"], victimPrepositions: ["against"] } },
      "aimedAt.threatPrepositions is required",
    ],
    // No message of its own: zod's English wording, also where full zod (which installs it) never loads.
    [
      "a group that is not an object",
      { sources: ["insiders"] },
      "sources Invalid input: expected object, received array",
    ],
  ])("names the field of %s", (_name, change, message) => {
    const r = validateFramingLexicon({ ...json, ...change });
    expect(r.ok ? [] : r.errors).toContain(message);
  });

  it("throws one error listing every problem", () => {
    expect(() => parseFramingLexicon({ ...json, loaded: [], hedging: 3 })).toThrow(FramingLexiconError);
    expect(() => parseFramingLexicon(null)).toThrow("a framing lexicon must be a JSON object");
  });
});
