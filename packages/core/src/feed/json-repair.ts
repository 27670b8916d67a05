/**
 * Reading JSON the way a forgiving feed reader does, for JSON Feeds that JSON.parse refuses: one linear pass that
 * keeps everything it can read and says what it repaired. (No JSON library reports which values of a document
 * were complete, and that is what keeps a cut-off item from becoming a story.)
 *
 * - A document cut off mid-way keeps every complete value: an array drops the element the text ended in and
 *   remembers it (`cutOff`); an object keeps its complete members and the part it has of an array or object the
 *   text ended in, and drops a string or number the text ended in.
 * - Commas missing, doubled or trailing; comments (`//`, `/* *\/`); raw control characters, invalid escapes and
 *   unescaped quotes inside strings (a quote ends a string only where JSON may go on after one: before `,` `:` `]`
 *   `}`, another string, or the end); single-quoted strings and bare keys; text after the document.
 * - Anything else that cannot be read (a stray word where a value should be, nesting past the depth cap) costs the
 *   one value it is in: the reader skips to the next `,` or closing bracket of the enclosing array or object. An
 *   array element lost that way is left as an UnreadableValue, so the caller can count it.
 */

/** What was repaired, in the names of FeedRepair. */
export type JsonRepair =
  | "truncated"
  | "json-commas"
  | "json-strings"
  | "json-comments"
  | "json-syntax"
  | "junk-after-root";

/** An array element that could not be read; the reader went on with the next one. */
export class UnreadableValue {
  constructor(
    /** Offset (in characters) where reading it failed. */
    readonly offset: number,
    readonly reason: string,
  ) {}
}

export interface JsonReading {
  /** The document's value as far as it could be read; undefined when no value could be read at all. */
  value: unknown;
  repairs: JsonRepair[];
  /** Arrays the text ended inside an element of (that element was dropped). */
  cutOff: WeakSet<object>;
}

/** Reading stopped inside a value: the text ended there. */
const ENDED: unique symbol = Symbol("ended");

class Broken {
  constructor(
    readonly offset: number,
    readonly reason: string,
  ) {}
}

const WHITESPACE = /[ \t\n\r\uFEFF\u00A0]*/y;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const BARE_KEY = /[A-Za-z_$][\w$-]*/y;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this looks for
const STRING_SPECIAL = { '"': /["\\\u0000-\u001f]/g, "'": /['\\\u0000-\u001f]/g } as const;
const ESCAPES: Readonly<Record<string, string>> = {
  '"': '"',
  "\\": "\\",
  "/": "/",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
};
/** Characters that may follow a string in JSON (after whitespace): where a quote really ends one. */
const AFTER_STRING = new Set([",", ":", "]", "}", '"']);

class Reader {
  pos = 0;
  readonly repairs = new Set<JsonRepair>();
  readonly cutOff = new WeakSet<object>();

  constructor(
    private readonly text: string,
    private readonly maxDepth: number,
  ) {}

  private atEnd(): boolean {
    return this.pos >= this.text.length;
  }

  /** Skips whitespace and comments. */
  private skip(): void {
    for (;;) {
      WHITESPACE.lastIndex = this.pos;
      WHITESPACE.test(this.text);
      this.pos = WHITESPACE.lastIndex;
      if (this.text[this.pos] !== "/") return;
      const next = this.text[this.pos + 1];
      if (next === "/") {
        const end = this.text.indexOf("\n", this.pos);
        this.pos = end < 0 ? this.text.length : end + 1;
      } else if (next === "*") {
        const end = this.text.indexOf("*/", this.pos + 2);
        this.pos = end < 0 ? this.text.length : end + 2;
      } else {
        return;
      }
      this.repairs.add("json-comments");
    }
  }

  /** The whole document: one value, then nothing but whitespace (anything after it is ignored). */
  document(): unknown {
    this.skip();
    if (this.atEnd()) return undefined;
    let value: unknown;
    try {
      value = this.value(0);
    } catch (error) {
      if (!(error instanceof Broken)) throw error;
      return undefined;
    }
    if (value === ENDED) return undefined;
    if (this.ended) return value;
    this.skip();
    if (!this.atEnd()) this.repairs.add("junk-after-root");
    return value;
  }

  /** Set once the text ended inside a value; every open value then ends where it is. */
  ended = false;

  private end(): typeof ENDED {
    this.ended = true;
    this.repairs.add("truncated");
    return ENDED;
  }

  /** A value at `pos` (after whitespace). ENDED when the text ended inside it; Broken when it cannot be read. */
  private value(depth: number): unknown {
    if (this.atEnd()) return this.end();
    const c = this.text[this.pos] as string;
    if (c === "{" || c === "[") {
      if (depth >= this.maxDepth) throw new Broken(this.pos, `nested more than ${this.maxDepth} levels deep`);
      return c === "{" ? this.object(depth + 1) : this.array(depth + 1);
    }
    if (c === '"' || c === "'") {
      if (c === "'") this.repairs.add("json-syntax");
      return this.string(c);
    }
    if (c === "-" || (c >= "0" && c <= "9")) return this.number();
    for (const [word, literal] of [
      ["true", true],
      ["false", false],
      ["null", null],
    ] as const) {
      if (this.text.startsWith(word, this.pos)) {
        this.pos += word.length;
        return literal;
      }
      if (this.text.length - this.pos < word.length && word.startsWith(this.text.slice(this.pos))) return this.end();
    }
    throw new Broken(this.pos, `"${c}" where a value should be`);
  }

  private number(): unknown {
    NUMBER.lastIndex = this.pos;
    const m = NUMBER.exec(this.text);
    if (m === null) {
      if (this.pos + 1 >= this.text.length) return this.end();
      throw new Broken(this.pos, "a malformed number");
    }
    this.pos += m[0].length;
    // A number at the very end may have lost digits.
    if (this.atEnd()) return this.end();
    return Number(m[0]);
  }

  /** Does the quote at `at` end the string? Only where JSON may go on after a string (see AFTER_STRING). */
  private closes(at: number): boolean {
    WHITESPACE.lastIndex = at + 1;
    WHITESPACE.test(this.text);
    const next = this.text[WHITESPACE.lastIndex];
    return next === undefined || AFTER_STRING.has(next) || next === "/";
  }

  private string(quote: '"' | "'"): string | typeof ENDED {
    const special = STRING_SPECIAL[quote];
    let out = "";
    let from = this.pos + 1;
    for (;;) {
      special.lastIndex = from;
      const m = special.exec(this.text);
      if (m === null) {
        this.pos = this.text.length;
        return this.end();
      }
      const at = m.index;
      out += this.text.slice(from, at);
      const c = m[0];
      if (c === quote) {
        if (this.closes(at)) {
          this.pos = at + 1;
          return out;
        }
        this.repairs.add("json-strings");
        out += c;
        from = at + 1;
      } else if (c === "\\") {
        const e = this.text[at + 1];
        if (e === undefined) {
          this.pos = this.text.length;
          return this.end();
        }
        if (e === "u") {
          const hex = this.text.slice(at + 2, at + 6);
          if (/^[0-9a-fA-F]{4}$/.test(hex)) {
            out += String.fromCharCode(Number.parseInt(hex, 16));
            from = at + 6;
            continue;
          }
          if (at + 6 > this.text.length && /^[0-9a-fA-F]*$/.test(hex)) {
            this.pos = this.text.length;
            return this.end();
          }
        }
        const escaped = ESCAPES[e];
        if (escaped === undefined) this.repairs.add("json-strings");
        out += escaped ?? e;
        from = at + 2;
      } else {
        // A raw control character (a line break or tab a template wrote as it is): kept as text.
        this.repairs.add("json-strings");
        out += c;
        from = at + 1;
      }
    }
  }

  /** An object key: a string, or (repaired) a bare word. */
  private key(): string | typeof ENDED {
    const c = this.text[this.pos];
    if (c === '"' || c === "'") {
      if (c === "'") this.repairs.add("json-syntax");
      return this.string(c);
    }
    BARE_KEY.lastIndex = this.pos;
    const m = BARE_KEY.exec(this.text);
    if (m === null) throw new Broken(this.pos, `"${c}" where a member's name should be`);
    this.pos += m[0].length;
    if (this.atEnd()) return this.end();
    this.repairs.add("json-syntax");
    return m[0];
  }

  /**
   * After an unreadable value starting at `from`: the position of the next "," or closing bracket at this level,
   * skipping strings and nested brackets (the unreadable value's own included); the end of the text when there is
   * none.
   */
  private resync(from: number): void {
    let depth = 0;
    let i = from;
    const text = this.text;
    while (i < text.length) {
      const c = text[i];
      if (c === '"') {
        i += 1;
        while (i < text.length && text[i] !== '"') i += text[i] === "\\" ? 2 : 1;
      } else if (c === "{" || c === "[") {
        depth += 1;
      } else if (c === "}" || c === "]") {
        if (depth === 0) break;
        depth -= 1;
      } else if (c === "," && depth === 0) {
        break;
      }
      i += 1;
    }
    this.pos = Math.min(i, text.length);
  }

  /**
   * Reads the members (or elements) of a container after its opening bracket, calling `take` for each; handles
   * commas (missing, doubled, trailing), unreadable members and the end of the text. True when the text ended.
   */
  private members(close: "}" | "]", take: () => void, onBroken: (broken: Broken) => void): boolean {
    this.pos += 1;
    let first = true;
    for (;;) {
      this.skip();
      if (this.atEnd()) {
        this.end();
        return true;
      }
      const c = this.text[this.pos];
      if (c === close) {
        this.pos += 1;
        return false;
      }
      if (c === "}" || c === "]") {
        // The other kind of bracket: this container was never closed; the outer one goes on from here.
        this.repairs.add("json-syntax");
        return false;
      }
      if (c === ",") {
        this.pos += 1;
        this.skip();
        const next = this.text[this.pos];
        if (first || next === "," || next === close) this.repairs.add("json-commas");
        if (first || next === ",") continue;
        if (next === close) continue;
      } else if (!first) {
        this.repairs.add("json-commas");
      }
      first = false;
      this.skip();
      if (this.atEnd()) {
        this.end();
        return true;
      }
      if (this.text[this.pos] === close) continue;
      try {
        take();
      } catch (error) {
        if (!(error instanceof Broken)) throw error;
        this.repairs.add("json-syntax");
        onBroken(error);
        this.resync(error.offset);
      }
      if (this.ended) return true;
    }
  }

  private array(depth: number): unknown[] {
    const out: unknown[] = [];
    this.members(
      "]",
      () => {
        const value = this.value(depth);
        // The element the text ended in (a string or number cut short, or an object or array never closed).
        if (value === ENDED || this.ended) this.cutOff.add(out);
        else out.push(value);
      },
      (broken) => out.push(new UnreadableValue(broken.offset, broken.reason)),
    );
    return out;
  }

  private object(depth: number): Record<string, unknown> {
    // No prototype: a member called "__proto__" is a member like any other.
    const out = Object.create(null) as Record<string, unknown>;
    this.members(
      "}",
      () => {
        const key = this.key();
        if (key === ENDED) return;
        this.skip();
        if (this.atEnd()) {
          this.end();
          return;
        }
        if (this.text[this.pos] === ":") this.pos += 1;
        else this.repairs.add("json-syntax");
        this.skip();
        const value = this.value(depth);
        if (value !== ENDED) out[key] = value;
      },
      () => {},
    );
    return out;
  }
}

/** Reads JSON forgivingly (see the module comment). Never throws for any text. */
export function readJsonForgivingly(text: string, maxDepth: number): JsonReading {
  const reader = new Reader(text, maxDepth);
  const value = reader.document();
  return { value, repairs: [...reader.repairs], cutOff: reader.cutOff };
}
