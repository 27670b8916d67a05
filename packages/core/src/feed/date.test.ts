import { describe, expect, it } from "vitest";
import { parseFeedDate } from "./date.ts";

describe("parseFeedDate", () => {
  it.each([
    ["Tue, 05 Apr 2022 22:04:14 GMT", "2022-04-05T22:04:14.000Z"],
    ["Tue, 05 Apr 2022 09:04:00 +0100", "2022-04-05T08:04:00.000Z"],
    ["Fri, 01 Apr 2022 09:04 EDT", "2022-04-01T13:04:00.000Z"], // NASA: no seconds, zone abbreviation
    ["Sun, 10 Dec 17 13:01:36 -0800", "2017-12-10T21:01:36.000Z"], // Neverwinter: two-digit year
    ["03 Apr 02 1500 GMT", "2002-04-03T15:00:00.000Z"], // Herald Sun: time without colon
    ["Tue, 01 Oct 2019 14:30:00 PST", "2019-10-01T22:30:00.000Z"],
    ["Mon, 4 Apr 2022 18:21:52 +0000 (UTC)", "2022-04-04T18:21:52.000Z"],
    ["Wed, 03 Jan 2018 14:11:52 GMT\n      ", "2018-01-03T14:11:52.000Z"], // jn.pt: trailing whitespace
    ["2016-02-01T17:22:00+01:00", "2016-02-01T16:22:00.000Z"],
    ["2019-10-12T07:20:50.52Z", "2019-10-12T07:20:50.520Z"],
    ["2017-06-15T10:29:47-07:00", "2017-06-15T17:29:47.000Z"],
    ["2022-04-05", "2022-04-05T00:00:00.000Z"],
    ["2022-04-05 10:00:00", "2022-04-05T10:00:00.000Z"],
    ["April 5, 2022", "2022-04-05T00:00:00.000Z"],
  ])("%j -> %s", (input, expected) => {
    expect(parseFeedDate(input)).toBe(expected);
  });

  it.each([
    "yesterday",
    "Version 2", // V8 alone would say 2001-02-01
    "Ukraine 12",
    "31 Apr 2022 10:00 GMT",
    "2022-13-01T00:00:00Z",
    "0001-01-01T00:00:00Z", // Go's zero time: a placeholder
    "",
    "   ",
    null,
    undefined,
  ])("%j -> null", (input) => {
    expect(parseFeedDate(input)).toBeNull();
  });
});
