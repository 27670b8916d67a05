/**
 * Splits a search-style query into tokens, each with its place in the query:
 *   "quoted phrase"  word  word*  (  )  OR  |  AND  NOT  -word  NEAR  NEAR/n
 * Operators are upper case (as in web search engines): "or" and "near" in lower case are words. Curly quotes
 * pasted from a word processor work like straight ones. A minus excludes only at the start of a word, so
 * "Russia-China" stays one term.
 */
import { findUnsafeCharacter } from "../scoring/unsafe-characters.ts";
import { QueryError } from "./errors.ts";

export type Token =
  | { kind: "term"; text: string; quoted: boolean; start: number; end: number }
  | { kind: "or" | "and" | "not" | "minus" | "lparen" | "rparen"; start: number; end: number }
  | { kind: "near"; distance: number | null; start: number; end: number };

/** Longest query accepted, in characters. */
export const MAX_QUERY_CHARS = 2000;
/** Largest n of NEAR/n (words). */
export const MAX_NEAR_WORDS = 250;

const OPEN_QUOTES = new Set(['"', "\u201c", "\u201e", "\u00ab"]);
const CLOSE_QUOTES = new Set(['"', "\u201d", "\u201c", "\u00bb"]);
const SPACE = /\s/u;

function isBoundary(ch: string): boolean {
  return SPACE.test(ch) || ch === "(" || ch === ")" || OPEN_QUOTES.has(ch);
}

export function tokenize(query: string): Token[] {
  if (query.length > MAX_QUERY_CHARS) {
    throw new QueryError(
      `the query is longer than ${MAX_QUERY_CHARS} characters; shorten it or write the storyline as JSON`,
      MAX_QUERY_CHARS,
    );
  }
  // Tabs and line breaks are spaces here; other control characters and bidirectional overrides are refused.
  const unsafe = findUnsafeCharacter(query, { allowLineBreaks: true });
  if (unsafe) {
    throw new QueryError(
      `remove the ${unsafe.name}: a query must not hold control characters or bidirectional overrides`,
      unsafe.index,
    );
  }
  const tokens: Token[] = [];
  let i = 0;
  while (i < query.length) {
    const ch = query.charAt(i);
    if (SPACE.test(ch)) {
      i += 1;
      continue;
    }
    if (ch === "(" || ch === ")") {
      tokens.push({ kind: ch === "(" ? "lparen" : "rparen", start: i, end: i + 1 });
      i += 1;
      continue;
    }
    if (ch === "|") {
      tokens.push({ kind: "or", start: i, end: i + 1 });
      i += 1;
      continue;
    }
    if (OPEN_QUOTES.has(ch)) {
      let j = i + 1;
      while (j < query.length && !CLOSE_QUOTES.has(query.charAt(j))) j += 1;
      if (j >= query.length) throw new QueryError('this quote is never closed; add the closing "', i);
      const text = query.slice(i + 1, j).trim();
      if (text === "") throw new QueryError("the quotes hold no words; put a phrase between them or remove them", i);
      tokens.push({ kind: "term", text, quoted: true, start: i, end: j + 1 });
      i = j + 1;
      continue;
    }
    if (ch === "-") {
      const next = query.charAt(i + 1);
      if (next === "" || SPACE.test(next)) {
        throw new QueryError("a minus must be followed directly by what it excludes, as in -Iran", i);
      }
      tokens.push({ kind: "minus", start: i, end: i + 1 });
      i += 1;
      continue;
    }
    let j = i;
    while (j < query.length && !isBoundary(query.charAt(j))) j += 1;
    const text = query.slice(i, j);
    tokens.push(wordToken(text, i, j));
    i = j;
  }
  return tokens;
}

function wordToken(text: string, start: number, end: number): Token {
  if (text === "OR") return { kind: "or", start, end };
  if (text === "AND") return { kind: "and", start, end };
  if (text === "NOT") return { kind: "not", start, end };
  if (text === "NEAR") return { kind: "near", distance: null, start, end };
  const near = /^NEAR\/(.*)$/.exec(text);
  if (near) {
    const n = Number(near[1]);
    if (!/^\d+$/.test(near[1] ?? "") || n < 1 || n > MAX_NEAR_WORDS) {
      throw new QueryError(`NEAR/ needs a whole number of words from 1 to ${MAX_NEAR_WORDS}, as in NEAR/10`, start);
    }
    return { kind: "near", distance: n, start, end };
  }
  return { kind: "term", text, quoted: false, start, end };
}

/** How a token reads in an error message. */
export function describeToken(token: Token | undefined): string {
  if (token === undefined) return "the end of the query";
  switch (token.kind) {
    case "term":
      return `"${token.text}"`;
    case "lparen":
      return '"("';
    case "rparen":
      return '")"';
    case "minus":
      return '"-"';
    case "near":
      return token.distance === null ? "NEAR" : `NEAR/${token.distance}`;
    default:
      return token.kind.toUpperCase();
  }
}
