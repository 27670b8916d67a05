import { describe, expect, it } from "vitest";
import { foldSpelling, isBoilerplate, isPhotoCaption, softNumbers, splitDateline, stripDateline } from "./normalize.ts";

describe("stripDateline", () => {
  it.each([
    ["KYIV, March 19 (Reuters) - Russia and Ukraine agreed.", "Russia and Ukraine agreed."],
    ["WASHINGTON/KYIV, March 19 (Reuters) - Text.", "Text."],
    ["ABU DHABI, United Arab Emirates (AP) — Talks ended.", "Talks ended."],
    ["BEIJING, Feb. 9 (Xinhua) -- China said.", "China said."],
    ["MOSCOW, June 10. /TASS/. Moscow is ready.", "Moscow is ready."],
    ["(Reuters) - A short one.", "A short one."],
    ["KYIV — Ukraine said.", "Ukraine said."],
    ["ODESA, Ukraine, May 3 - Port officials said.", "Port officials said."],
    ["Lviv, Aug. 14 — The council met.", "The council met."],
    ["TBILISI, 9 March: Protesters gathered.", "Protesters gathered."],
    ["Milan (Italy), 12 October (ANSA) - Police said.", "Police said."],
    ["NEW DELHI, India, Jan 2, 2027 -- Ministers met.", "Ministers met."],
    ["Officials said on May 3 - after talks - that...", "Officials said on May 3 - after talks - that..."],
    ["President Lee, in Seoul - the capital - spoke.", "President Lee, in Seoul - the capital - spoke."],
    ["Russia said on Monday (local time) that...", "Russia said on Monday (local time) that..."],
  ])("%s", (input, expected) => {
    expect(stripDateline(input)).toBe(expected);
  });
});

describe("splitDateline", () => {
  it("returns the dateline it removed, or an empty one", () => {
    expect(splitDateline("ODESA, May 3 - Port officials said.")).toEqual({
      dateline: "ODESA, May 3 - ",
      rest: "Port officials said.",
    });
    expect(splitDateline("Port officials said.")).toEqual({ dateline: "", rest: "Port officials said." });
  });
});

describe("isBoilerplate", () => {
  it.each([
    ["Reporting by Tom Balmforth; Editing by Peter Graff", true],
    ["(Reporting by Tom Balmforth; Additional reporting by Dmitry Antonov in Moscow)", true],
    ["Our Standards: The Thomson Reuters Trust Principles.", true],
    ["© 2026 The Associated Press. All rights reserved.", true],
    ["This story has been updated to add a Kremlin comment.", true],
    ["(This story has been refiled to fix a typo in paragraph 3)", true],
    [
      "Copyright 2026 The Associated Press. This material may not be published, broadcast, rewritten or redistributed.",
      true,
    ],
    ["Associated Press writer Illia Novikov in Kyiv contributed to this report.", true],
    ["Source: Al Jazeera and news agencies", true],
    ["Follow AP's coverage of the war in Ukraine at https://apnews.com/hub/russia-ukraine", true],
    ["Published On 5 Feb 2026", true],
    ["Russia fired 450 drones overnight.", false],
  ])("%s -> %s", (s, expected) => {
    expect(isBoilerplate(s)).toBe(expected);
  });
});

describe("foldSpelling", () => {
  it("folds acronyms, thousands separators, month abbreviations and per cent", () => {
    expect(foldSpelling("U.S. and U.K. set 1,550 warheads on Feb. 5, up 5%")).toBe(
      "US and UK set 1550 warheads on February 5, up 5 percent",
    );
  });

  it("folds clock times, figures glued to units and larger number words", () => {
    expect(foldSpelling("at 18:00 local time (15:00 GMT)")).toBe("at 1800 local time (1500 GMT)");
    expect(foldSpelling("at 6 p.m. local time (1500 GMT), or 9.30am")).toBe("at 1800 local time (1500 GMT), or 0930");
    expect(foldSpelling("a 50km zone, the 2nd day, fourteen days, a thousand prisoners")).toBe(
      "a 50 km zone, the 2nd day, 14 days, a 1000 prisoners",
    );
    expect(foldSpelling("3.14 percent")).toBe("3.14 percent");
  });

  it("folds number words and money units", () => {
    expect(foldSpelling("Ten people and a $290m package, €1.5bn more")).toBe(
      "10 people and a $290 million package, €1.5 billion more",
    );
  });
});

describe("softNumbers", () => {
  it("reads weeks as days: two weeks are fourteen days, a fortnight too", () => {
    expect(softNumbers(foldSpelling("within two weeks"))).toEqual([{ value: "14", unit: "days" }]);
    expect(softNumbers("within a fortnight")).toEqual([{ value: "14", unit: "days" }]);
    expect(softNumbers("for a week")).toEqual([{ value: "7", unit: "days" }]);
  });
});

describe("number words", () => {
  it("leaves number words inside hyphenated modifiers as words", () => {
    expect(foldSpelling("a three-way deal after two-day talks, three of them")).toBe(
      "a three-way deal after two-day talks, 3 of them",
    );
  });

  it.each([
    ["a three-way framework", [{ value: "3", unit: "way" }]],
    ["a one-year extension", [{ value: "1", unit: "year" }]],
    ["for more than half a century", [{ value: "50", unit: "years" }]],
    [
      "a decade ago and a dozen ships",
      [
        { value: "10", unit: "years" },
        { value: "12", unit: "" },
      ],
    ],
    [foldSpelling("two decades"), [{ value: "20", unit: "years" }]],
    ["half a year", [{ value: "6", unit: "months" }]],
    ["12 ships in 2025", []],
  ])("softNumbers(%s)", (text, expected) => {
    expect(softNumbers(text)).toEqual(expected);
  });
});

describe("isPhotoCaption", () => {
  it.each([
    ["PHOTO: A destroyer sails near Vladivostok.", true],
    ["Photo: Kremlin press service", true],
    ["China Military Online/Handout via REUTERS", true],
    ["REUTERS/Maxim Shemetov/File Photo", true],
    ["Firefighters work at the site of a drone strike in Kyiv. (AP Photo/Efrem Lukatsky)", true],
    ["Rescuers at the scene in Odesa. Photograph: Nina Liashonok/Reuters", true],
    ["Russia fired 450 drones overnight, Reuters reported.", false],
    ["The photo exhibition opens in Kyiv on Friday.", false],
  ])("%s -> %s", (s, expected) => {
    expect(isPhotoCaption(s)).toBe(expected);
  });
});
