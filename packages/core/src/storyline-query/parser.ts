/**
 * Parses a search-style query into a tree. Precedence follows web search engines: NEAR binds tightest, then OR,
 * then AND (written as a space or as AND), so `"New START" OR "strategic arms" -Iran` reads as
 * ("New START" OR "strategic arms") AND NOT Iran. Parentheses group. Every error names the character it is at.
 */
import { QueryError } from "./errors.ts";
import { describeToken, type Token, tokenize } from "./lexer.ts";

/** NEAR without a number: within this many words. */
export const DEFAULT_NEAR_WORDS = 10;

interface Span {
  start: number;
  end: number;
}

export type QueryNode =
  | ({ type: "term"; text: string; quoted: boolean } & Span)
  | ({ type: "and"; items: QueryNode[] } & Span)
  | ({ type: "or"; items: QueryNode[] } & Span)
  | ({ type: "near"; items: QueryNode[]; words: number } & Span)
  | ({ type: "not"; item: QueryNode } & Span);

class Parser {
  private at = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly length: number,
  ) {}

  private peek(): Token | undefined {
    return this.tokens[this.at];
  }

  private next(): Token {
    const token = this.tokens[this.at];
    if (token === undefined) throw new QueryError("the query ends too early", this.length);
    this.at += 1;
    return token;
  }

  private where(token: Token | undefined): number {
    return token === undefined ? this.length : token.start;
  }

  parse(): QueryNode {
    if (this.tokens.length === 0) {
      throw new QueryError('the query is empty; write the words or "phrases" to look for', 0);
    }
    const node = this.parseAnd();
    const rest = this.peek();
    if (rest !== undefined) {
      throw new QueryError(`${describeToken(rest)} closes a parenthesis that was never opened; remove it`, rest.start);
    }
    return node;
  }

  /** unary ( [AND] unary )* up to ")" or the end. */
  private parseAnd(): QueryNode {
    const items: QueryNode[] = [];
    const first = this.peek();
    for (;;) {
      const token = this.peek();
      if (token === undefined || token.kind === "rparen") break;
      if (token.kind === "and") {
        if (items.length === 0) throw new QueryError("AND needs a word or phrase on its left", token.start);
        this.next();
        const after = this.peek();
        if (after === undefined || after.kind === "rparen" || after.kind === "and" || after.kind === "or") {
          throw new QueryError(
            `AND needs a word or phrase on its right, not ${describeToken(after)}`,
            this.where(after),
          );
        }
        continue;
      }
      items.push(this.parseUnary());
    }
    if (items.length === 0) {
      throw new QueryError("the parentheses hold nothing; put words in them or remove them", this.where(first));
    }
    if (items.length === 1) return items[0] as QueryNode;
    return { type: "and", items, start: items[0]?.start ?? 0, end: items.at(-1)?.end ?? 0 };
  }

  private parseUnary(): QueryNode {
    const token = this.peek();
    if (token?.kind === "minus" || token?.kind === "not") {
      this.next();
      const operand = this.peek();
      if (operand?.kind !== "term" && operand?.kind !== "lparen") {
        const what = token.kind === "minus" ? "A minus" : "NOT";
        throw new QueryError(
          `${what} must be followed by a word, a "phrase" or a (group), not ${describeToken(operand)}`,
          this.where(operand),
        );
      }
      const item = this.parsePrimary();
      const after = this.peek();
      if (after?.kind === "or" || after?.kind === "near") {
        throw new QueryError(
          `an exclusion cannot be one side of ${describeToken(after)}; put the alternatives in parentheses: -(a OR b)`,
          after.start,
        );
      }
      return { type: "not", item, start: token.start, end: item.end };
    }
    return this.parseOr();
  }

  private parseOr(): QueryNode {
    const items = [this.parseNear()];
    while (this.peek()?.kind === "or") {
      this.next();
      const after = this.peek();
      if (after?.kind !== "term" && after?.kind !== "lparen") {
        throw new QueryError(`OR needs a word or phrase on its right, not ${describeToken(after)}`, this.where(after));
      }
      items.push(this.parseNear());
    }
    if (items.length === 1) return items[0] as QueryNode;
    return { type: "or", items, start: items[0]?.start ?? 0, end: items.at(-1)?.end ?? 0 };
  }

  private parseNear(): QueryNode {
    const items = [this.parsePrimary()];
    let words: number | null = null;
    while (this.peek()?.kind === "near") {
      const near = this.next() as Extract<Token, { kind: "near" }>;
      const distance = near.distance ?? DEFAULT_NEAR_WORDS;
      if (words !== null && distance !== words) {
        throw new QueryError(
          `a chain of NEARs must use one distance (NEAR/${words} came first); use NEAR/${words} here too`,
          near.start,
        );
      }
      words = distance;
      const after = this.peek();
      if (after?.kind !== "term" && after?.kind !== "lparen") {
        throw new QueryError(
          `NEAR needs a word or phrase on its right, not ${describeToken(after)}`,
          this.where(after),
        );
      }
      items.push(this.parsePrimary());
    }
    if (words === null) return items[0] as QueryNode;
    return { type: "near", items, words, start: items[0]?.start ?? 0, end: items.at(-1)?.end ?? 0 };
  }

  private parsePrimary(): QueryNode {
    const token = this.peek();
    if (token === undefined) throw new QueryError("the query ends where a word or phrase was expected", this.length);
    if (token.kind === "term") {
      this.next();
      return { type: "term", text: token.text, quoted: token.quoted, start: token.start, end: token.end };
    }
    if (token.kind === "lparen") {
      this.next();
      const inner = this.parseAnd();
      const close = this.peek();
      if (close?.kind !== "rparen") {
        throw new QueryError('this parenthesis is never closed; add ")"', token.start);
      }
      this.next();
      return { ...inner, start: token.start, end: close.end };
    }
    if (token.kind === "rparen") {
      throw new QueryError('")" closes a parenthesis that was never opened; remove it', token.start);
    }
    if (token.kind === "or" || token.kind === "near" || token.kind === "and") {
      throw new QueryError(`${describeToken(token)} needs a word or phrase on its left`, token.start);
    }
    throw new QueryError(
      `${describeToken(token)} cannot stand here; an exclusion applies to the whole query`,
      token.start,
    );
  }
}

/** Parses a query; throws a QueryError naming the character where it went wrong. */
export function parseQuery(query: string): QueryNode {
  return new Parser(tokenize(query), query.length).parse();
}
