import { describe, expect, it } from "vitest";
import { pointAt, QueryError } from "./errors.ts";
import { parseQuery, type QueryNode } from "./parser.ts";

/** The tree as a compact string: (OR a b), (AND a b), (NEAR/10 a b), (NOT a); quoted terms keep their quotes. */
function show(node: QueryNode): string {
  switch (node.type) {
    case "term":
      return node.quoted ? `"${node.text}"` : node.text;
    case "not":
      return `(NOT ${show(node.item)})`;
    case "near":
      return `(NEAR/${node.words} ${node.items.map(show).join(" ")})`;
    default:
      return `(${node.type.toUpperCase()} ${node.items.map(show).join(" ")})`;
  }
}

function errorOf(query: string): QueryError {
  try {
    parseQuery(query);
  } catch (error) {
    if (error instanceof QueryError) return error;
    throw error;
  }
  throw new Error(`"${query}" parsed without an error`);
}

describe("parseQuery", () => {
  it.each([
    ["Putin", "Putin"],
    ['"New START"', '"New START"'],
    ['"New START" OR "strategic arms" -Iran', '(AND (OR "New START" "strategic arms") (NOT Iran))'],
    ["a b c", "(AND a b c)"],
    ["a AND b", "(AND a b)"],
    ["a OR b c", "(AND (OR a b) c)"],
    ["a | b", "(OR a b)"],
    ["a OR b OR c", "(OR a b c)"],
    ["(a OR b) (c OR d)", "(AND (OR a b) (OR c d))"],
    ["Putin NEAR/10 Xi", "(NEAR/10 Putin Xi)"],
    ["Putin NEAR Xi", "(NEAR/10 Putin Xi)"],
    ["a NEAR/5 b NEAR/5 c", "(NEAR/5 a b c)"],
    ["a NEAR/3 b OR c", "(OR (NEAR/3 a b) c)"],
    ["(Putin OR Xi) NEAR/20 summit", "(NEAR/20 (OR Putin Xi) summit)"],
    ["-Iran ceasefire", "(AND (NOT Iran) ceasefire)"],
    ["ceasefire NOT Gaza", "(AND ceasefire (NOT Gaza))"],
    ["ceasefire -(Gaza OR Israel)", "(AND ceasefire (NOT (OR Gaza Israel)))"],
    ['ceasefire -"Gaza Strip"', '(AND ceasefire (NOT "Gaza Strip"))'],
    ["Russia-China exercises", "(AND Russia-China exercises)"],
    ["negotiat* talks", "(AND negotiat* talks)"],
    ["or near and", "(AND or near and)"],
    ["\u201cNew START\u201d treaty", '(AND "New START" treaty)'],
    ["  ((a))  ", "a"],
  ])("%s", (query, tree) => {
    expect(show(parseQuery(query))).toBe(tree);
  });

  it.each([
    ["", 1, /the query is empty/],
    ["   ", 1, /the query is empty/],
    ['"New START', 1, /quote is never closed/],
    ['a ""', 3, /quotes hold no words/],
    ["a OR", 5, /OR needs a word or phrase on its right, not the end of the query/],
    ["OR a", 1, /OR needs a word or phrase on its left/],
    ["a OR OR b", 6, /OR needs a word or phrase on its right, not OR/],
    ["a AND", 6, /AND needs a word or phrase on its right/],
    ["AND a", 1, /AND needs a word or phrase on its left/],
    ["a NEAR", 7, /NEAR needs a word or phrase on its right/],
    ["NEAR/3 a", 1, /NEAR\/3 needs a word or phrase on its left/],
    ["a NEAR/0 b", 3, /NEAR\/ needs a whole number of words from 1 to 250/],
    ["a NEAR/x b", 3, /NEAR\/ needs a whole number/],
    ["a NEAR/3 b NEAR/4 c", 12, /one distance .*NEAR\/3/],
    ["(a OR b", 1, /parenthesis is never closed/],
    ["a) b", 2, /closes a parenthesis that was never opened/],
    ["()", 2, /parentheses hold nothing/],
    ["a - b", 3, /minus must be followed directly/],
    ["a -", 3, /minus must be followed directly/],
    ["a -OR b", 4, /A minus must be followed by a word/],
    ["-a OR b", 4, /exclusion cannot be one side of OR/],
    ["NOT", 4, /NOT must be followed by a word/],
  ])("rejects %j at character %i", (query, position, message) => {
    const error = errorOf(query);
    expect(error.message).toMatch(message);
    expect(error.position + 1).toBe(position);
    expect(error.message.startsWith(`at character ${position}: `)).toBe(true);
  });

  it("rejects a query longer than 2000 characters", () => {
    expect(errorOf("a ".repeat(1001)).message).toMatch(/longer than 2000 characters/);
  });

  it("points at the character of an error", () => {
    const error = errorOf("Putin NEAR/3 Xi NEAR/4 Modi");
    expect(pointAt("Putin NEAR/3 Xi NEAR/4 Modi", error.position)).toBe(
      "Putin NEAR/3 Xi NEAR/4 Modi\n                ^",
    );
  });
});
