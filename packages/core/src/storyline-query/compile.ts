/**
 * Compiles a search-style query to a storyline (the JSON of the storyline schema), so that the storyline matches
 * the stories the query would match in a search of their headline and text, and scores them by how prominent
 * the matches are:
 *
 * - every word or phrase looked for is a cue of weight QUERY_CUE_WEIGHT; with QUERY_THRESHOLD, one mention in
 *   the body enters the storyline (score 0.39), one in the headline scores 0.78, several more;
 * - when the query needs several things at once (AND), each of its required parts becomes a gate (the query in
 *   conjunctive normal form), so a story without one of them does not enter;
 * - `-word` becomes an exclusion that cuts the score to a tenth wherever the word occurs outside the phrases
 *   looked for, which keeps the story out (the score stays visible as evidence);
 * - `a NEAR/n b` becomes cues with `near` rules. Storylines measure distance in sentences, so n words become a
 *   sentence window: up to SENTENCE_WORDS words is the same sentence (see nearWindow); the compile notes say so.
 *
 * A word written in capitals ("START", "SCO", "New START") is matched case-sensitively, so that "a new start"
 * and "start talks" do not count; write it in lower case to match any case. A trailing * matches word starts
 * ("negotiat*"). Where a combination of NEARs cannot be expressed exactly the notes say so (checked by
 * evaluating both forms over every combination of the query's parts).
 */
import { compilePhrase, words } from "../scoring/analysis.ts";
import { LIMITS } from "../scoring/constants.ts";
import type { StorylineInput } from "../scoring/storyline-schema.ts";
import { QueryError } from "./errors.ts";
import { parseQuery, type QueryNode } from "./parser.ts";

/** Weight of every cue of a compiled query. */
export const QUERY_CUE_WEIGHT = 5;
/** Threshold of a compiled query: one body mention of one cue (score 0.39) enters. */
export const QUERY_THRESHOLD = 0.3;
/** Strength of an exclusion: the score is multiplied by at most 1/10, below any threshold above 0.1. */
export const QUERY_EXCLUSION_STRENGTH = 10;
/** Words per sentence assumed when a NEAR distance becomes a sentence window. */
export const SENTENCE_WORDS = 20;
/** Most letters a wildcard needs before its *. */
const MIN_PREFIX_LETTERS = 3;
/** Above this many parts (terms and NEARs) the exactness check is skipped. */
const MAX_CHECKED_ATOMS = 16;
const MAX_LABEL = 120;

export interface CompileOptions {
  id?: string;
  title?: string;
  description?: string;
}

export interface CompiledQuery {
  /** The storyline JSON (validate it with validateStoryline before use). */
  storyline: StorylineInput;
  /** What the compiler approximated, in sentences a user can act on. Empty when the storyline is exact. */
  notes: string[];
}

/** The sentence window a NEAR/n (words) becomes: 0 (same sentence) up to SENTENCE_WORDS, one more per further 20. */
export function nearWindow(nearWords: number): number {
  return Math.min(LIMITS.maxWindow, Math.max(0, Math.ceil(nearWords / SENTENCE_WORDS) - 1));
}

interface Term {
  key: string;
  text: string;
  caseSensitive: boolean;
  start: number;
}

type Formula =
  | { kind: "term"; key: string }
  | { kind: "near"; index: number }
  | { kind: "and" | "or"; items: Formula[] };

interface NearGroup {
  /** Term keys of each operand. */
  operands: string[][];
  words: number;
  start: number;
}

/** True for a word written in capitals: two or more upper-case letters and no lower-case one ("START", "SCO"). */
function isCapitalized(word: string): boolean {
  const upper = word.match(/\p{Lu}/gu)?.length ?? 0;
  return upper >= 2 && !/\p{Ll}/u.test(word);
}

function quote(text: string): string {
  return /\s/.test(text) ? `"${text}"` : text;
}

function clip(text: string, max = MAX_LABEL): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

class Compiler {
  readonly terms = new Map<string, Term>();
  readonly nears: NearGroup[] = [];

  term(node: Extract<QueryNode, { type: "term" }>): string {
    const text = node.text;
    const star = text.indexOf("*");
    if (star !== -1 && star !== text.length - 1) {
      throw new QueryError("a * may only end a word, as in negotiat*", node.start + (node.quoted ? 1 : 0) + star);
    }
    if (text.length > LIMITS.maxPhraseChars) {
      throw new QueryError(`${quote(clip(text, 40))} is longer than ${LIMITS.maxPhraseChars} characters`, node.start);
    }
    const caseSensitive = words(text).some(isCapitalized);
    const phrase = compilePhrase({ phrase: text, caseSensitive });
    if (phrase === null) throw new QueryError(`${quote(text)} has no letters or digits to look for`, node.start);
    if (phrase.prefix && (phrase.words.at(-1)?.length ?? 0) < MIN_PREFIX_LETTERS) {
      throw new QueryError(`a * needs at least ${MIN_PREFIX_LETTERS} letters before it`, node.start);
    }
    const key = phrase.key;
    if (!this.terms.has(key)) this.terms.set(key, { key, text, caseSensitive, start: node.start });
    return key;
  }

  /** A term or an OR of terms: the keys. */
  alternatives(node: QueryNode, what: string): string[] {
    if (node.type === "term") return [this.term(node)];
    if (node.type === "or") return node.items.flatMap((item) => this.alternatives(item, what));
    throw new QueryError(`${what} takes a word, a "phrase" or (a OR b), not a ${describeNode(node)}`, node.start);
  }

  positive(node: QueryNode): Formula {
    switch (node.type) {
      case "term":
        return { kind: "term", key: this.term(node) };
      case "and":
      case "or":
        return { kind: node.type, items: node.items.map((item) => this.positive(item)) };
      case "near": {
        const operands = node.items.map((item) => this.alternatives(item, "NEAR"));
        this.nears.push({ operands, words: node.words, start: node.start });
        return { kind: "near", index: this.nears.length - 1 };
      }
      case "not":
        throw new QueryError(
          "an exclusion applies to the whole query; move it out of the parentheses (a OR b) -c",
          node.start,
        );
    }
  }
}

function describeNode(node: QueryNode): string {
  if (node.type === "and") return "group of words that must all occur";
  if (node.type === "near") return "NEAR";
  if (node.type === "not") return "exclusion";
  return node.type;
}

/** The top-level parts that must all hold (nested ANDs flattened). */
function conjuncts(node: QueryNode): QueryNode[] {
  return node.type === "and" ? node.items.flatMap(conjuncts) : [node];
}

// ---- conjunctive normal form: the gates -----------------------------------------------------------------------

const MAX_CLAUSES = 200;

/** CNF of a formula with NEAR read as "all its operands present": a list of clauses (sets of term keys). */
function cnf(f: Formula, nears: readonly NearGroup[]): string[][] {
  if (f.kind === "term") return [[f.key]];
  if (f.kind === "near") return (nears[f.index]?.operands ?? []).map((op) => [...op]);
  if (f.kind === "and") return f.items.flatMap((item) => cnf(item, nears));
  let clauses: string[][] = [[]];
  for (const item of f.items) {
    const next: string[][] = [];
    for (const left of clauses) for (const right of cnf(item, nears)) next.push([...new Set([...left, ...right])]);
    if (next.length > MAX_CLAUSES) {
      throw new QueryError("the query combines too many alternatives; simplify it or write the storyline as JSON", 0);
    }
    clauses = next;
  }
  return clauses;
}

/** Drops duplicate clauses and clauses implied by a smaller one (a superset of another). */
function minimize(clauses: string[][]): string[][] {
  const sets = clauses.map((c) => new Set(c)).sort((a, b) => a.size - b.size);
  const kept: Set<string>[] = [];
  for (const s of sets) if (!kept.some((k) => [...k].every((x) => s.has(x)))) kept.push(s);
  return kept.map((s) => [...s]);
}

// ---- exactness ------------------------------------------------------------------------------------------------

function evaluate(f: Formula, present: (key: string) => boolean, near: (index: number) => boolean): boolean {
  if (f.kind === "term") return present(f.key);
  if (f.kind === "near") return near(f.index);
  if (f.kind === "and") return f.items.every((item) => evaluate(item, present, near));
  return f.items.some((item) => evaluate(item, present, near));
}

interface Plan {
  /** Term keys that are cues. */
  cues: Set<string>;
  /** Cue keys that count anywhere (they occur outside a NEAR). */
  plain: Set<string>;
  gates: string[][];
}

/**
 * Does the plan match exactly the stories the query matches? Every combination of term presence and NEAR truth
 * (a NEAR can only hold when its operands are present) is evaluated both ways. null: too many parts to check.
 */
function isExact(formula: Formula, terms: string[], nears: readonly NearGroup[], plan: Plan): boolean | null {
  const atoms = terms.length + nears.length;
  if (atoms > MAX_CHECKED_ATOMS) return null;
  const index = new Map(terms.map((key, i) => [key, i]));
  const nearCues = nears.map((n) => n.operands.flat().some((key) => plan.cues.has(key)));
  for (let bits = 0; bits < 2 ** atoms; bits++) {
    const present = (key: string) => ((bits >> (index.get(key) ?? 0)) & 1) === 1;
    const near = (i: number) => ((bits >> (terms.length + i)) & 1) === 1;
    const possible = nears.every((n, i) => !near(i) || n.operands.every((op) => op.some(present)));
    if (!possible) continue;
    const query = evaluate(formula, present, near);
    const gates = plan.gates.every((clause) => clause.some(present));
    const cue = [...plan.plain].some(present) || nears.some((_, i) => nearCues[i] && near(i));
    if (query !== (gates && cue)) return false;
  }
  return true;
}

function planFor(cues: Set<string>, plainEverywhere: Set<string>, clauses: string[][]): Plan {
  const plain = new Set([...cues].filter((key) => plainEverywhere.has(key)));
  // A clause holding every cue is implied by "some cue matched": no gate needed.
  const gates = clauses.filter((clause) => ![...cues].every((key) => clause.includes(key)));
  return { cues, plain, gates };
}

function collectTerms(f: Formula, nears: readonly NearGroup[], out: Set<string>): Set<string> {
  if (f.kind === "term") out.add(f.key);
  else if (f.kind === "near") for (const op of nears[f.index]?.operands ?? []) for (const key of op) out.add(key);
  else for (const item of f.items) collectTerms(item, nears, out);
  return out;
}

function plainTerms(f: Formula, out: Set<string>): Set<string> {
  if (f.kind === "term") out.add(f.key);
  else if (f.kind === "and" || f.kind === "or") for (const item of f.items) plainTerms(item, out);
  return out;
}

function hasNear(f: Formula): boolean {
  return f.kind === "near" || ((f.kind === "and" || f.kind === "or") && f.items.some(hasNear));
}

// ---- the storyline ----------------------------------------------------------------------------------------------

/** A storyline id from the words and phrases looked for: ["New START", "strategic arms"] -> "new-start-strategic-arms". */
export function slugFromTerms(texts: readonly string[]): string {
  let slug = "";
  for (const word of words(texts.join(" ").normalize("NFKD").replace(/\p{M}/gu, "")).map((w) => w.toLowerCase())) {
    if (!/^[a-z0-9]+$/.test(word)) continue;
    const next = slug === "" ? word : `${slug}-${word}`;
    if (next.length > 64) break;
    slug = next;
  }
  return slug === "" ? "query" : slug;
}

function entry(term: Term) {
  return term.caseSensitive ? { phrase: term.text, caseSensitive: true } : term.text;
}

/** Compiles a query; throws QueryError (with the character position) when the query cannot be read. */
/** A query may span lines; the title and description the compiler writes read it on one. */
function oneLineQuery(query: string): string {
  return query.trim().replace(/\s+/g, " ");
}

/** The title the compiler gives a query's storyline when the query form names none: the query itself. */
export function compiledTitle(query: string): string {
  return clip(oneLineQuery(query), 200);
}

/** How the description the compiler writes begins (when the query form gives none). */
export const COMPILED_DESCRIPTION_PREFIX = "Built from the query: ";

/**
 * True when a description is the one the compiler wrote for some query (not the user's own): compiling a new query
 * replaces it, while a description the user wrote is kept.
 */
export function isCompiledDescription(description: string): boolean {
  return description.startsWith(COMPILED_DESCRIPTION_PREFIX);
}

/**
 * True when a storyline's title is the one the compiler gave it (its query), judged from the query it was compiled
 * from when that is known, else from the compiled description, which names the query.
 */
export function isCompiledTitle(title: string, description: string, query: string | null): boolean {
  if (query !== null && title === compiledTitle(query)) return true;
  return isCompiledDescription(description) && description.startsWith(`${COMPILED_DESCRIPTION_PREFIX}${title}.`);
}

export function compileQuery(query: string, options: CompileOptions = {}): CompiledQuery {
  const root = parseQuery(query);
  const compiler = new Compiler();
  const parts = conjuncts(root);
  const excluded = parts.filter((p): p is Extract<QueryNode, { type: "not" }> => p.type === "not");
  const wanted = parts.filter((p) => p.type !== "not");
  if (wanted.length === 0) {
    throw new QueryError("the query only excludes; add a word or phrase to look for", root.start);
  }
  const partFormulas = wanted.map((part) => compiler.positive(part));
  const formula: Formula =
    partFormulas.length === 1 ? (partFormulas[0] as Formula) : { kind: "and", items: partFormulas };
  const wantedKeys = new Set(compiler.terms.keys());
  const exclusions = excluded.map((node) => ({ node, keys: compiler.alternatives(node.item, "An exclusion") }));
  for (const { node, keys } of exclusions) {
    for (const key of keys) {
      if (wantedKeys.has(key)) {
        const text = compiler.terms.get(key)?.text ?? "";
        throw new QueryError(`${quote(text)} is both looked for and excluded; remove one of the two`, node.start);
      }
    }
  }
  if (exclusions.length > LIMITS.maxExclusions) {
    throw new QueryError(
      `a query may exclude at most ${LIMITS.maxExclusions} things`,
      exclusions.at(-1)?.node.start ?? 0,
    );
  }

  const nears = compiler.nears;
  const allTerms = collectTerms(formula, nears, new Set());
  const plainEverywhere = plainTerms(formula, new Set());
  const clauses = minimize(cnf(formula, nears));
  const notes: string[] = [];

  // Cues: every term, unless only the parts with a NEAR can carry the score exactly (see isExact).
  let plan = planFor(allTerms, plainEverywhere, clauses);
  if (hasNear(formula)) {
    const exact = isExact(formula, [...allTerms], nears, plan);
    if (exact !== true) {
      const nearParts = partFormulas.filter(hasNear);
      const narrow = planFor(
        nearParts.reduce((set, f) => collectTerms(f, nears, set), new Set<string>()),
        plainEverywhere,
        clauses,
      );
      if (nearParts.length < partFormulas.length && isExact(formula, [...allTerms], nears, narrow) === true) {
        plan = narrow;
      } else {
        notes.push(
          exact === null
            ? "The query has too many parts to check that its NEARs are kept exactly; try the storyline on sample articles."
            : "Storylines cannot keep these NEARs exactly: a story whose words are all present can enter through another " +
                "part of the query even where a NEAR's words are far apart. Split the query or tune the cues' near rules.",
        );
      }
    }
  }
  if (plan.gates.length > LIMITS.maxGates) {
    throw new QueryError(
      `the query needs more than ${LIMITS.maxGates} things at once; simplify it or write the storyline as JSON`,
      0,
    );
  }

  const contexts: Record<string, ReturnType<typeof entry>[]> = {};
  const contextFor = new Map<string, string>();
  const context = (prefix: string, keys: string[]): string => {
    const id = `${prefix}:${[...keys].sort().join("\u0000")}`;
    const known = contextFor.get(id);
    if (known !== undefined) return known;
    const name = `${prefix}_${Object.keys(contexts).filter((n) => n.startsWith(`${prefix}_`)).length + 1}`;
    contexts[name] = keys.map((key) => entry(compiler.terms.get(key) as Term));
    contextFor.set(id, name);
    return name;
  };

  const cues: StorylineInput["cues"] = [];
  for (const key of plan.cues) {
    const term = compiler.terms.get(key) as Term;
    const base = {
      phrase: term.text,
      weight: QUERY_CUE_WEIGHT,
      ...(term.caseSensitive ? { caseSensitive: true } : {}),
    };
    if (plan.plain.has(key)) {
      cues.push(base);
      continue;
    }
    const near = nears.flatMap((n) => {
      const own = n.operands.findIndex((op) => op.includes(key));
      if (own === -1) return [];
      const others = n.operands.filter((_, i) => i !== own).map((op) => context("near", op));
      return [{ contexts: others, window: nearWindow(n.words) }];
    });
    cues.push({ ...base, near });
  }
  for (const n of nears) {
    const window = nearWindow(n.words);
    const where =
      window === 0 ? "in the same sentence" : `within ${window} sentence${window === 1 ? "" : "s"} of each other`;
    const note = `NEAR/${n.words} is checked as: ${where} (storylines measure distance in sentences of about ${SENTENCE_WORDS} words).`;
    if (!notes.includes(note)) notes.push(note);
  }

  const show = (key: string) => quote(compiler.terms.get(key)?.text ?? key);
  const gates = plan.gates.map((clause) => ({
    label: clip(
      clause.length === 1 ? `mentions ${show(clause[0] ?? "")}` : `mentions one of ${clause.map(show).join(", ")}`,
    ),
    phrases: clause.map((key) => entry(compiler.terms.get(key) as Term)),
  }));
  const exclusionRules = exclusions.map(({ node, keys }) => {
    const name = context("excluded", keys);
    return {
      label: clip(`excluded by the query: ${query.slice(node.start, node.end)}`),
      contexts: [name],
      against: [{ contexts: [name], window: 0 }],
      strength: QUERY_EXCLUSION_STRENGTH,
    };
  });

  const oneLine = oneLineQuery(query);
  const title = options.title ?? compiledTitle(query);
  const description =
    options.description ?? clip([`${COMPILED_DESCRIPTION_PREFIX}${oneLine}.`, ...notes].join(" "), 2000);
  return {
    storyline: {
      id: options.id ?? slugFromTerms([...wantedKeys].map((key) => compiler.terms.get(key)?.text ?? "")),
      title,
      description,
      contexts,
      cues,
      gates,
      exclusions: exclusionRules,
      threshold: QUERY_THRESHOLD,
    },
    notes,
  };
}
