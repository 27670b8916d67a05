/**
 * One pass over a document that every scorer shares: sentences, word tokens (original and lower case) and an
 * index from token to positions, so a phrase is found by looking up its first word instead of scanning text.
 * Phrase lookups are memoized per document: storylines and framing reuse each other's work.
 */
import { type Doc, type DocInput, docSentences, type Sentence, toDoc } from "./text.ts";

/** A phrase ready to match: its words, and how to compare them. */
export interface Phrase {
  /** The phrase as written (shown in evidence). */
  raw: string;
  /** Words of the phrase (lower case unless caseSensitive). */
  words: string[];
  caseSensitive: boolean;
  /** false: match as a substring of the sentence instead of whole words. */
  wholeWord: boolean;
  /** A trailing "*": the last word matches as a prefix ("negotiat*"). */
  prefix: boolean;
  /** Memo key. */
  key: string;
  /** Lower-case first word: the index lookup. */
  head: string;
}

export interface PhraseSpec {
  phrase: string;
  caseSensitive?: boolean;
  wholeWord?: boolean;
}

/** One occurrence: the sentence, and the token span [start, end) (-1 for substring matches). */
export interface Occurrence {
  sentence: number;
  start: number;
  end: number;
}

/** Prefix phrases are looked up through the first this-many letters of the document's words. */
const PREFIX_HEAD = 2;

/** The first two UTF-16 code units of a word as one number. */
function headKey(w: string): number {
  return w.charCodeAt(0) * 65536 + w.charCodeAt(1);
}
const NONE: Occurrence[] = [];

const UPPER_START = /^\p{Lu}/u;

const LETTER_OR_DIGIT = /^[\p{L}\p{N}\p{M}]$/u;

/** Is this UTF-16 code unit part of a word? ASCII by table, the rest by Unicode class (surrogates: yes). */
function isWordChar(code: number, ch: string): boolean {
  if (code < 128) return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57);
  if (code >= 0xd800 && code <= 0xdfff) return true;
  return LETTER_OR_DIGIT.test(ch);
}

/** Normalizes typographic variants so "Russia–China" and "Russia-China" or ’ and ' read the same. */
export function foldText(text: string): string {
  return text.replace(/[\u2010-\u2015\u2212]/g, "-").replace(/[\u2018\u2019\u02BC]/g, "'");
}

/** [start, end, start, end, ...] of the words of a text (runs of letters, digits and combining marks). */
export function wordRanges(text: string): number[] {
  const out: number[] = [];
  let start = -1;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const inWord = code < 128 ? isWordChar(code, "") : isWordChar(code, text.charAt(i));
    if (inWord) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      out.push(start, i);
      start = -1;
    }
  }
  if (start >= 0) out.push(start, text.length);
  return out;
}

/** The words of a text, as the index sees them. */
export function words(text: string): string[] {
  const ranges = wordRanges(text);
  const out: string[] = [];
  for (let r = 0; r < ranges.length; r += 2) out.push(text.slice(ranges[r] ?? 0, ranges[r + 1] ?? 0));
  return out;
}

/** Compiles a phrase; returns null when it has no words (the schema reports that as an error). */
export function compilePhrase(spec: PhraseSpec | string): Phrase | null {
  const s: PhraseSpec = typeof spec === "string" ? { phrase: spec } : spec;
  const caseSensitive = s.caseSensitive === true;
  const wholeWord = s.wholeWord !== false;
  let raw = s.phrase.trim();
  const prefix = wholeWord && raw.endsWith("*");
  if (prefix) raw = raw.slice(0, -1).trim();
  const ws = words(raw).map((w) => (caseSensitive ? w : w.toLowerCase()));
  if (ws.length === 0) return null;
  const substring = caseSensitive ? foldText(raw) : foldText(raw).toLowerCase();
  return {
    raw: s.phrase.trim(),
    words: wholeWord ? ws : [substring],
    caseSensitive,
    wholeWord,
    prefix,
    key: `${caseSensitive ? "C" : "c"}${wholeWord ? "w" : "s"}${prefix ? "p" : "x"}:${wholeWord ? ws.join(" ") : substring}`,
    head: (ws[0] ?? "").toLowerCase(),
  };
}

export class Analysis {
  readonly doc: Doc;
  readonly sentences: Sentence[];
  /** Lower-case tokens in document order (the original spelling: `original(i)`). */
  readonly lower: string[] = [];
  /** Sentence index of each token. */
  readonly sentenceOf: number[] = [];
  /** Character range [charStart[i], charEnd[i]) of each token inside its sentence. */
  readonly charStart: number[] = [];
  readonly charEnd: number[] = [];
  /** Token range [tokenStart[i], tokenStart[i + 1]) of sentence i. */
  readonly tokenStart: number[] = [];
  private readonly positions = new Map<string, number[]>();
  private readonly memo = new Map<string, Occurrence[]>();
  private foldedLower: string[] | null = null;
  private byHead: Map<number, string[]> | null = null;
  private folded: string[] | null = null;
  /** Per-analysis cache for derived data (context flags and the like), keyed by the caller. */
  readonly cache = new Map<unknown, unknown>();

  constructor(input: DocInput) {
    this.doc = toDoc(input);
    this.sentences = docSentences(this.doc);
    for (const s of this.sentences) {
      this.tokenStart.push(this.lower.length);
      const lowerText = s.text.toLowerCase();
      const sameLength = lowerText.length === s.text.length;
      const ranges = wordRanges(s.text);
      for (let r = 0; r < ranges.length; r += 2) {
        const from = ranges[r] ?? 0;
        const to = ranges[r + 1] ?? 0;
        const lw = sameLength ? lowerText.slice(from, to) : s.text.slice(from, to).toLowerCase();
        const at = this.lower.length;
        this.lower.push(lw);
        this.sentenceOf.push(s.index);
        this.charStart.push(from);
        this.charEnd.push(to);
        const list = this.positions.get(lw);
        if (list === undefined) this.positions.set(lw, [at]);
        else list.push(at);
      }
    }
    this.tokenStart.push(this.lower.length);
  }

  get tokenCount(): number {
    return this.lower.length;
  }

  /** Token i as written. */
  original(i: number): string {
    const s = this.sentences[this.sentenceOf[i] ?? -1];
    return s === undefined ? "" : s.text.slice(this.charStart[i], this.charEnd[i]);
  }

  /** Token i starts with a capital letter. */
  capitalized(i: number): boolean {
    const s = this.sentences[this.sentenceOf[i] ?? -1];
    if (s === undefined) return false;
    const c = s.text.charCodeAt(this.charStart[i] ?? 0);
    return c < 128 ? c >= 65 && c <= 90 : UPPER_START.test(s.text.charAt(this.charStart[i] ?? 0));
  }

  /** Distinct lower-case words of the document. */
  vocabulary(): IterableIterator<string> {
    return this.positions.keys();
  }

  /** Positions of a lower-case word. */
  positionsOf(word: string): readonly number[] {
    return this.positions.get(word) ?? [];
  }

  /** All occurrences of a phrase (memoized). */
  find(phrase: Phrase): Occurrence[] {
    if (phrase.wholeWord && !phrase.prefix && !this.positions.has(phrase.head)) return NONE;
    const hit = this.memo.get(phrase.key);
    if (hit !== undefined) return hit;
    const found = phrase.wholeWord ? this.findWords(phrase) : this.findSubstring(phrase);
    this.memo.set(phrase.key, found);
    return found;
  }

  private findWords(phrase: Phrase): Occurrence[] {
    const { words: ws, caseSensitive, prefix } = phrase;
    const n = ws.length;
    let starts: number[];
    if (n === 1 && prefix) {
      starts = [];
      for (const w of this.wordsWithPrefix(phrase.head)) starts.push(...(this.positions.get(w) ?? []));
      if (starts.length > 1) starts.sort((a, b) => a - b);
    } else {
      starts = this.positions.get(phrase.head) ?? [];
    }
    const out: Occurrence[] = [];
    for (const at of starts) {
      const end = at + n;
      if (end > this.lower.length) continue;
      const sentence = this.sentenceOf[at] ?? -1;
      if (this.sentenceOf[end - 1] !== sentence) continue;
      let ok = true;
      for (let k = 0; k < n; k++) {
        const tok = caseSensitive ? this.original(at + k) : (this.lower[at + k] ?? "");
        const want = ws[k] ?? "";
        const last = k === n - 1;
        if (last && prefix ? !tok.startsWith(want) : tok !== want) {
          ok = false;
          break;
        }
      }
      if (ok) out.push({ sentence, start: at, end });
    }
    return out;
  }

  /**
   * Distinct lower-case words starting with `prefix`, through an index of the words' first two letters (keyed
   * by their char codes: no string is cut to build it).
   */
  private wordsWithPrefix(prefix: string): string[] {
    if (this.byHead === null) {
      this.byHead = new Map();
      for (const w of this.positions.keys()) {
        if (w.length < PREFIX_HEAD) continue;
        const head = headKey(w);
        const list = this.byHead.get(head);
        if (list === undefined) this.byHead.set(head, [w]);
        else list.push(w);
      }
    }
    const pool = prefix.length >= PREFIX_HEAD ? (this.byHead.get(headKey(prefix)) ?? []) : [...this.positions.keys()];
    const out: string[] = [];
    for (const w of pool) if (w.startsWith(prefix)) out.push(w);
    return out;
  }

  private findSubstring(phrase: Phrase): Occurrence[] {
    if (phrase.caseSensitive) this.folded ??= this.sentences.map((s) => foldText(s.text));
    else this.foldedLower ??= this.sentences.map((s) => foldText(s.text).toLowerCase());
    const texts = (phrase.caseSensitive ? this.folded : this.foldedLower) ?? [];
    const needle = phrase.words[0] ?? "";
    const out: Occurrence[] = [];
    texts.forEach((t, sentence) => {
      for (let i = t.indexOf(needle); i !== -1; i = t.indexOf(needle, i + needle.length)) {
        out.push({ sentence, start: -1, end: -1 });
      }
    });
    return out;
  }

  /** Sentence indices (sorted, distinct) where any of the phrases occurs. */
  sentencesWithAny(phrases: readonly Phrase[]): number[] {
    let flags: Uint8Array | null = null;
    for (const p of phrases) {
      const found = this.find(p);
      if (found.length === 0) continue;
      flags ??= new Uint8Array(this.sentences.length);
      for (const o of found) flags[o.sentence] = 1;
    }
    const out: number[] = [];
    if (flags !== null) for (let i = 0; i < flags.length; i++) if (flags[i] === 1) out.push(i);
    return out;
  }
}

/** Lower-case words that may sit inside a name ("Study of Terrorism and Responses to Terrorism"). */
const NAME_CONNECTORS = new Set([
  "of",
  "for",
  "and",
  "the",
  "to",
  "on",
  "in",
  "at",
  "de",
  "del",
  "du",
  "des",
  "la",
  "le",
]);
/** Longest name run looked at around a parenthesised acronym. */
const MAX_NAME_RUN = 10;
/** An acronym cue: one word of 2-6 capital letters ("SCO", "START", "PLA"). */
const ACRONYM = /^\p{Lu}{2,6}$/u;

/** Is this phrase an acronym (a single all-capital word matched case-sensitively)? */
export function isAcronym(p: Phrase): boolean {
  return p.caseSensitive && p.wholeWord && !p.prefix && p.words.length === 1 && ACRONYM.test(p.words[0] ?? "");
}

/**
 * The senses a document gives an acronym, as lower-case names: names in the body whose initials spell it
 * ("Scottish Chamber Orchestra" for SCO, "Study of Terrorism and Responses to Terrorism" for START), and
 * names it is defined by in parentheses ("... Consortium (START)", "SCO (Scottish Chamber Orchestra)").
 * The headline is skipped (Title Case headlines spell accidental initials). Cached per analysis.
 */
export function acronymSenses(a: Analysis, acronym: string): string[] {
  const key = `acronym:${acronym}`;
  const hit = a.cache.get(key);
  if (Array.isArray(hit)) return hit as string[];
  const senses = new Set<string>();
  const letters = acronym.toLowerCase();
  const first = letters.charAt(0);
  for (const s of a.sentences) {
    if (s.where === "title") continue;
    const from = a.tokenStart[s.index] ?? 0;
    const to = a.tokenStart[s.index + 1] ?? from;
    for (let i = from; i < to; i++) {
      const word = a.lower[i] ?? "";
      if (word === letters && a.original(i) === acronym) {
        for (const name of definedNames(a, i, from, to)) senses.add(name);
      } else if (word.charAt(0) === first && isNameWord(a, i)) {
        const end = spellsFrom(a, i, to, letters);
        if (end > 0) senses.add(a.lower.slice(i, end).join(" "));
      }
    }
  }
  const out = [...senses];
  a.cache.set(key, out);
  return out;
}

/** A capitalised word that is neither an acronym nor a connector ("The", "Of"). */
function isNameWord(a: Analysis, i: number): boolean {
  if (!a.capitalized(i) || NAME_CONNECTORS.has(a.lower[i] ?? "")) return false;
  const w = a.original(i);
  return w.length > 1 && w !== w.toUpperCase();
}

/** A connector inside a name: "of", "and", ... or the s of a possessive. */
function isConnector(a: Analysis, i: number): boolean {
  const w = a.lower[i] ?? "";
  return NAME_CONNECTORS.has(w) || w === "s";
}

/** Tokens i-1 and i are adjacent words of one name: only a space between them (or "'" before a possessive s). */
function joined(a: Analysis, i: number): boolean {
  const s = a.sentences[a.sentenceOf[i] ?? -1];
  if (s === undefined || a.sentenceOf[i - 1] !== s.index) return false;
  const gap = s.text.slice(a.charEnd[i - 1], a.charStart[i]);
  return gap === " " || (gap === "'" && a.lower[i] === "s") || (gap === "\u2019" && a.lower[i] === "s");
}

/**
 * End (exclusive) of a name starting at token i whose initials spell `letters`, or 0. Capitalised words give
 * their initial; connectors ("of", "and") may give theirs or be skipped; the name starts and ends with a
 * capitalised word and has at least two.
 */
function spellsFrom(a: Analysis, i: number, to: number, letters: string): number {
  const walk = (pos: number, li: number, caps: number, lastCap: boolean): number => {
    if (li === letters.length) return lastCap && caps >= 2 ? pos : 0;
    if (pos >= to || (pos > i && !joined(a, pos))) return 0;
    const w = a.lower[pos] ?? "";
    if (isNameWord(a, pos)) return w.charAt(0) === letters.charAt(li) ? walk(pos + 1, li + 1, caps + 1, true) : 0;
    if (pos === i || !isConnector(a, pos)) return 0;
    const skipped = walk(pos + 1, li, caps, false);
    if (skipped > 0 || w === "s" || w.charAt(0) !== letters.charAt(li)) return skipped;
    return walk(pos + 1, li + 1, caps, false);
  };
  return walk(i, 0, 0, false);
}

/** Names an acronym at token i is defined by: "Name Words (ACR)" or "ACR (Name Words)". */
function definedNames(a: Analysis, i: number, from: number, to: number): string[] {
  const s = a.sentences[a.sentenceOf[i] ?? -1];
  if (s === undefined) return [];
  const before = s.text.slice(0, a.charStart[i]);
  const after = s.text.slice(a.charEnd[i]);
  const out: string[] = [];
  if (before.endsWith("(") && after.startsWith(")") && i > from) {
    let start = i;
    for (let p = i - 1; p >= from && i - p <= MAX_NAME_RUN; p--) {
      if (p < i - 1 && !joined(a, p + 1)) break;
      const nameWord = isNameWord(a, p);
      if (!nameWord && !isConnector(a, p)) break;
      if (nameWord) start = p;
    }
    if (start < i) out.push(a.lower.slice(start, i).join(" "));
  }
  if (after.startsWith(" (") && i + 1 < to) {
    let end = i + 1;
    for (let p = i + 1; p < to && p - i <= MAX_NAME_RUN; p++) {
      if (p > i + 1 && !joined(a, p)) break;
      const nameWord = isNameWord(a, p);
      if (!nameWord && !isConnector(a, p)) break;
      if (nameWord) end = p + 1;
    }
    if (end > i + 1) out.push(a.lower.slice(i + 1, end).join(" "));
  }
  return out.filter((name) => name.includes(" "));
}

/** Builds (or passes through) an Analysis. */
export function analyze(input: DocInput | Analysis): Analysis {
  return input instanceof Analysis ? input : new Analysis(input);
}

/**
 * Keeps the longest of overlapping matches (ties: the higher `rank`). Substring matches (no token span) never
 * overlap anything.
 */
export function longestMatches<T extends { occ: Occurrence }>(items: readonly T[], rank: (item: T) => number): T[] {
  const ordered = [...items].sort((x, y) => y.occ.end - y.occ.start - (x.occ.end - x.occ.start) || rank(y) - rank(x));
  const taken = new Set<number>();
  const kept: T[] = [];
  for (const m of ordered) {
    if (m.occ.start < 0) {
      kept.push(m);
      continue;
    }
    let free = true;
    for (let t = m.occ.start; t < m.occ.end && free; t++) free = !taken.has(t);
    if (!free) continue;
    for (let t = m.occ.start; t < m.occ.end; t++) taken.add(t);
    kept.push(m);
  }
  return kept;
}
