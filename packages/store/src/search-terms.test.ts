import { describe, expect, it } from "vitest";
import { LEAD_WORDS, queryTerms, storyTerms } from "./search-terms.ts";

/** n distinct filler words, lowercase, none a stop word. */
const filler = (n: number, prefix = "w") => Array.from({ length: n }, (_, i) => `${prefix}${i}x`).join(" ");

describe("storyTerms: the title, every name, and the lead", () => {
  it("indexes every word of the title and the first LEAD_WORDS other words of the text", () => {
    const terms = storyTerms("Ceasefire talks resume", `${filler(LEAD_WORDS + 20)}.`);
    expect(terms.slice(0, 3)).toEqual(["ceasefire", "talks", "resume"]);
    expect(terms).toContain(`w${LEAD_WORDS - 1}x`);
    expect(terms).not.toContain(`w${LEAD_WORDS}x`);
    expect(terms).toHaveLength(3 + LEAD_WORDS);
  });

  it("indexes a name wherever it is in the text: people, places, organisations, acronyms, any cased script", () => {
    const late = `${filler(200)} the envoy Steve Witkoff met officials of NATO in Zaporizhzhia, and Дмитрий Песков spoke.`;
    const terms = storyTerms("Talks", late);
    for (const name of ["steve", "witkoff", "nato", "zaporizhzhia", "дмитрии", "песков"]) {
      expect(terms, name).toContain(queryTerms(name)[0]);
    }
    // Lowercase words past the lead are not indexed.
    expect(terms).not.toContain("officials");
    expect(terms).not.toContain("spoke");
  });

  it("does not take a capital at a sentence's start for a name, but does after an abbreviation such as Mr.", () => {
    const text = `${filler(LEAD_WORDS)}. Negotiators met again. Officials said Mr. Umerov agreed! Meanwhile the U.S. Senate voted.`;
    const terms = storyTerms("", text);
    expect(terms).not.toContain("negotiators");
    expect(terms).not.toContain("officials");
    expect(terms).not.toContain("meanwhile");
    expect(terms).toContain("umerov");
    expect(terms).toContain("senate");
  });

  it("folds case and accents as the query does, and stops at max (0: nothing)", () => {
    expect(storyTerms("Kyïv", "Zelenskyy’s office in Kyïv")).toEqual(["kyiv", "zelenskyy", "office"]);
    expect(storyTerms("alpha beta", "gamma Delta", 3)).toEqual(["alpha", "beta", "gamma"]);
    expect(storyTerms("alpha", "beta", 0)).toEqual([]);
  });
});
