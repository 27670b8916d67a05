import { describe, expect, it } from "vitest";
import { dayOfTimestamp, dayWords, documentDate, parseFullDate } from "./dates.ts";

const iso = (day: number | null) => (day === null ? null : new Date(day * 86_400_000).toISOString().slice(0, 10));

describe("parseFullDate", () => {
  it.each([
    ["11 March 2025", "2025-03-11"],
    ["Aug 9, 2025", "2025-08-09"],
    ["January 24, 2026 9:02 pm", "2026-01-24"],
    ["Tue 21 Feb 2023 13.12 GMT", "2023-02-21"],
    ["Sept. 5, 2014", "2014-09-05"],
    ["2025-03-11", "2025-03-11"],
    ["11.03.2025, 14:02", "2025-03-11"],
  ])("reads %s", (text, day) => {
    expect(iso(parseFullDate(text))).toBe(day);
  });

  it("needs a year and a real month and day", () => {
    expect(parseFullDate("on March 11")).toBeNull();
    expect(parseFullDate("32 March 2025")).toBeNull();
    expect(parseFullDate("in 2025")).toBeNull();
  });
});

describe("documentDate", () => {
  it("reads a masthead, a byline line or a dateline at the top", () => {
    expect(iso(documentDate("The Capital Times | Jeddah | 11 March 2025\n\nUkraine said on Tuesday ..."))).toBe(
      "2025-03-11",
    );
    expect(iso(documentDate("By Staff\n\nMINSK, Sept 5, 2014 — Ukraine's government and rebels signed ..."))).toBe(
      "2014-09-05",
    );
  });

  it("reads the date line that closes a statement, never a date inside the story", () => {
    const statement =
      "At a meeting of the Security Council, the President said the treaty expires on 5 February 2026 and that " +
      "letting it lapse without a replacement would be a mistake, and that Russia would keep its limits.\n\n" +
      "22 September 2025";
    expect(iso(documentDate(statement))).toBe("2025-09-22");
    expect(documentDate(statement.replace("\n\n22 September 2025", ""))).toBeNull();
  });

  it("gives null for a text without a date of its own", () => {
    expect(documentDate("")).toBeNull();
    expect(documentDate("Talks went on.")).toBeNull();
  });
});

describe("day helpers", () => {
  it("turns a timestamp into a day and a day into the words a rewrite uses for it", () => {
    const day = dayOfTimestamp("2025-03-11T18:30:00Z");
    expect(iso(day)).toBe("2025-03-11");
    expect(dayWords(day ?? 0)).toEqual({ weekday: "tuesday", monthDay: "mar 11" });
    expect(dayOfTimestamp("not a date")).toBeNull();
    expect(dayOfTimestamp(undefined)).toBeNull();
  });
});
