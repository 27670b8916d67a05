import { describe, expect, it } from "vitest";
import { titleFromText } from "./build-story.ts";

describe("titleFromText", () => {
  it.each([
    ["Delegations met again on Tuesday. They agreed on little.", "Delegations met again on Tuesday"],
    ["Talks collapse!\n\nMore later.", "Talks collapse!"],
    ["\n\n  First   paragraph here.\n\nSecond.", "First paragraph here"],
    ["“We are ready,” Umerov said. Then he left.", "“We are ready,” Umerov said"],
    ["", ""],
    [null, ""],
  ])("%j -> %j", (text, expected) => {
    expect(titleFromText(text)).toBe(expected);
  });

  it("cuts a long first sentence at a word boundary and marks the cut", () => {
    const text =
      "Defence ministers of the Shanghai Cooperation Organization met in Qingdao on Tuesday, where Russian Defence Minister Andrei Belousov spoke.";
    const title = titleFromText(text);
    expect(title).toBe("Defence ministers of the Shanghai Cooperation Organization met in Qingdao on Tuesday…");
    expect(title.length).toBeLessThanOrEqual(91);
  });

  it("does not end a sentence at a decimal point or an abbreviation-free number", () => {
    expect(titleFromText("Prices rose 2.5 percent in May")).toBe("Prices rose 2.5 percent in May");
  });
});
