/**
 * Framing: an explainable vector of how an article tells its story, each dimension with evidence sentences.
 *
 * - sourcing: shares over ATTRIBUTED sentences (a sentence with an attribution word or a quotation). In each,
 *   the source category mentioned closest to the attribution word wins (a source after its verb is penalised
 *   unless the verb is "according to", "quoted by"...; near-ties split the sentence); a capitalised name
 *   beside the verb, outside the lists, counts as otherNamed. As in sourcing studies, shares count distinct
 *   sources (voices), not sentences: each weighs its prominence where first cited (headline and lead 1.5, then
 *   1 falling to 0.5 at the end of the body: the inverted pyramid) plus 0.25 per further sentence citing it
 *   (at most +1). Shares sum to 1 when anything is attributed; russianStateMedia is the part of `kremlin`
 *   that cites Russian state media.
 * - stance (-1..1) toward the Russian leadership: (P - A) / (P + A + 3), where P and A sum the weights of
 *   peacemaker/defensive and aggressor cues found within a sentence of a reference to Russia's leadership or
 *   state. A negator just before a cue ("not as aggression", "rather than ...") or a cue aimed at Russia
 *   ("aggression against Russia", "protect cities from Russian missiles") flips it at half weight; a cue
 *   inside a quotation counts half (the speaker's framing more than the article's); a peacemaker cue in a
 *   sentence that keeps its distance ("narrative", "rhetoric", "so-called") counts half.
 * - naming (0..1): the share of Russian-derived forms among place names and war terms (0.5 when none); lean
 *   "russian" at >= 0.6, "ukrainian" at <= 0.4.
 * - loaded, hedging, contrast (0..1): the share of sentences that carry such language.
 * - frame: Media Frames dimension shares (cue hits, headline x2, lead x1.5); the dominant one, or "None".
 * - label: the first rule of LABEL_RULES that holds (documented there), and a one-line summary.
 */
import type { Framing, FramingDimension } from "../types.ts";
import {
  type Analysis,
  analyze,
  compilePhrase,
  longestMatches,
  type Occurrence,
  type Phrase,
  words,
} from "./analysis.ts";
import { MAX_FRAMING_EVIDENCE } from "./constants.ts";
import { type FramingLexicon, framingLexicon, type WeightedEntry } from "./framing-lexicon.ts";
import type { PhraseEntry } from "./storyline-schema.ts";
import type { DocInput } from "./text.ts";

interface Weighted {
  phrase: Phrase;
  weight: number;
}

function phrase(entry: PhraseEntry): Phrase {
  const p = compilePhrase(entry);
  // The lexicon is validated at load, so this only guards against a future schema gap.
  if (p === null) throw new Error(`framing lexicon entry ${JSON.stringify(entry)} has no words`);
  return p;
}

const phrases = (list: readonly PhraseEntry[]): Phrase[] => list.map(phrase);
const weighted = (list: readonly WeightedEntry[]): Weighted[] =>
  list.map((e) => ({ phrase: phrase(e), weight: e.weight }));

/** Alternatives of a regular expression from a word list (validated: letters, apostrophes and hyphens only). */
const alternatives = (list: readonly string[]) => list.join("|");

/** The lexicon compiled: phrases for the index, patterns for the few rules that are not phrase lists. */
function compileLexicon(x: FramingLexicon) {
  const nouns = alternatives(x.unnamedPerson.nouns);
  const clause = alternatives(x.contrastClause.conjunctions);
  const openers = alternatives(x.contrastClause.openers);
  return {
    attribution: phrases(x.attribution),
    sourceFollows: phrases(x.sourceFollows),
    sources: Object.fromEntries(Object.entries(x.sources).map(([k, v]) => [k, phrases(v)])) as Record<
      SourceKey,
      Phrase[]
    >,
    aggressor: weighted(x.aggressor),
    peacemaker: weighted(x.peacemaker),
    negators: x.negators.map((n) => n.toLowerCase().split(" ")),
    distancing: phrases(x.distancing),
    russiaSide: phrases(x.russiaSide),
    aimedAt: {
      russia: new Set(x.aimedAt.russia),
      victim: new Set(x.aimedAt.victimPrepositions),
      threat: new Set(x.aimedAt.threatPrepositions),
    },
    namingRussian: weighted(x.namingRussian),
    namingUkrainian: weighted(x.namingUkrainian),
    loaded: phrases(x.loaded),
    hedging: phrases(x.hedging),
    contrast: phrases(x.contrast),
    frames: Object.entries(x.frames).map(([name, list]) => ({ name, phrases: phrases(list) })),
    /** "a senior official", "one officer", "a NATO diplomat": unnamed people as sources. */
    unnamedPerson: new RegExp(
      `\\b(?:${alternatives(x.unnamedPerson.quantifiers)})\\s+(?:[\\p{L}-]+\\s+){0,2}(?:${nouns})s?\\b`,
      "giu",
    ),
    /** Cheap pre-check before unnamedPerson: the sentence names one of its nouns at all. */
    personNoun: new RegExp(nouns, "i"),
    /**
     * Contrast words that only count at the start of a sentence or after a comma ("Yet, ...", ", but"), and
     * words that only count opening a sentence ("While he has asserted ...").
     */
    contrastClause: new RegExp(
      `(?:^|[,;:\\u2014\\u2013]\\s*|\\s[\\u2014\\u2013-]\\s)(?:${clause})\\b(?!\\s+to\\b)|^["\u201C\u2018']?(?:${openers})\\b`,
      "iu",
    ),
    /** Cheap pre-check before contrastClause. */
    contrastWord: new RegExp(`${clause}|${openers}`, "i"),
  };
}

/** Source categories as counted internally (state media is reported inside `kremlin`). */
type SourceKey = keyof FramingLexicon["sources"];
const OUTPUT_OF: Record<SourceKey, keyof Omit<Framing["sourcing"], "evidence" | "russianStateMedia">> = {
  anonymous: "anonymous",
  stateMedia: "kremlin",
  kremlin: "kremlin",
  ukrainian: "ukrainian",
  western: "western",
  analysts: "analysts",
  otherNamed: "otherNamed",
};

const L = compileLexicon(framingLexicon);

const QUOTE = /[“"«][^”"»]{12,}[”"»]|‘[^’]{12,}’/u;
function round(x: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

function sentencesOf(a: Analysis, list: readonly Phrase[]): Set<number> {
  return new Set(a.sentencesWithAny(list));
}

/** Evidence sentences: distinct, in the order given, capped. */
function evidenceOf(a: Analysis, indices: Iterable<number>): string[] {
  const out: string[] = [];
  const seen = new Set<number>();
  for (const i of indices) {
    if (seen.has(i)) continue;
    seen.add(i);
    const s = a.sentences[i];
    if (s !== undefined) out.push(s.text);
    if (out.length >= MAX_FRAMING_EVIDENCE) break;
  }
  return out;
}

interface Cue {
  start: number;
  end: number;
  /** The source follows this cue ("according to X") rather than preceding it ("X said"). */
  follows: boolean;
}

interface Candidate {
  key: SourceKey;
  occ: Occurrence;
}

function addEvidence(evidence: Record<string, number[]>, key: string, sentence: number): void {
  const list = evidence[key];
  if (list === undefined) evidence[key] = [sentence];
  else list.push(sentence);
}

/** Token index of a character offset inside sentence `index`. */
function tokenAt(a: Analysis, index: number, text: string, offset: number): number {
  return (a.tokenStart[index] ?? 0) + words(text.slice(0, offset)).length;
}

/** "a senior official", "one officer": unnamed people in a sentence, as token spans. */
function unnamedPeople(a: Analysis, index: number, text: string): Candidate[] {
  const out: Candidate[] = [];
  if (!L.personNoun.test(text)) return out;
  for (const m of text.matchAll(L.unnamedPerson)) {
    const start = tokenAt(a, index, text, m.index ?? 0);
    out.push({ key: "anonymous", occ: { sentence: index, start, end: start + words(m[0]).length } });
  }
  return out;
}

/** Two capitalised words in a row (not the sentence's first word) within 5 words before or 3 after a cue. */
function namedNear(a: Analysis, index: number, cues: readonly Cue[]): Candidate[] {
  const first = a.tokenStart[index] ?? 0;
  const last = (a.tokenStart[index + 1] ?? first) - 1;
  const capital = (t: number) => t > first && t <= last && a.capitalized(t);
  const out: Candidate[] = [];
  for (const c of cues) {
    for (let t = Math.max(first + 1, c.start - 6); t <= Math.min(last - 1, c.end + 2); t++) {
      if (capital(t) && capital(t + 1) && (t + 1 < c.start || t >= c.end)) {
        out.push({ key: "otherNamed", occ: { sentence: index, start: t, end: t + 2 } });
      }
    }
  }
  return out;
}

function distance(m: Occurrence, cues: readonly Cue[]): number {
  if (cues.length === 0) return 0;
  let best = Number.POSITIVE_INFINITY;
  for (const c of cues) {
    let d: number;
    if (m.end <= c.start) d = c.start - m.end;
    else if (c.end <= m.start) d = m.start - c.end + (c.follows ? 0 : AFTER_PENALTY);
    else d = 0;
    best = Math.min(best, d);
  }
  return best;
}

/**
 * Prominence of a sentence's source (inverted pyramid): 1.5 in the headline and lead, then from 1 at the start
 * of the body down to 0.5 at its end.
 */
function prominence(a: Analysis, index: number): number {
  const s = a.sentences[index];
  if (s === undefined) return 1;
  if (s.where !== "body") return 1.5;
  const n = a.sentences.length;
  return n <= 1 ? 1 : 1 - 0.5 * (index / (n - 1));
}

/** The sentence opens with "He"/"She" followed closely by an attribution word ("He added that ..."). */
function pronounSpeaker(a: Analysis, index: number, cues: readonly Cue[]): boolean {
  const first = a.tokenStart[index] ?? 0;
  const w = a.lower[first];
  if (w !== "he" && w !== "she") return false;
  return cues.some((c) => c.start - first <= 3);
}

/** A source named after its verb ("..., said Peskov") is less likely than one before it ("Peskov said"). */
const AFTER_PENALTY = 4;
/** Sources within this many words of the best one share the sentence. */
const TIE_MARGIN = 2;
/** A source quoted again adds this much per further sentence, up to REPEAT_CAP (a voice, not a sentence count). */
const REPEAT_BONUS = 0.25;
const REPEAT_CAP = 1;

function sourcing(a: Analysis): Framing["sourcing"] {
  const follows = new Set(L.sourceFollows.map((p) => p.key));
  const attribution = new Map<number, Cue[]>();
  for (const p of L.attribution) {
    for (const o of a.find(p)) {
      // "to say", "to claim": an infinitive, not an attribution.
      if (p.words.length === 1 && a.lower[o.start - 1] === "to") continue;
      const cue = { start: o.start, end: o.end, follows: follows.has(p.key) };
      const list = attribution.get(o.sentence);
      if (list === undefined) attribution.set(o.sentence, [cue]);
      else list.push(cue);
    }
  }
  for (const s of a.sentences) if (!attribution.has(s.index) && QUOTE.test(s.text)) attribution.set(s.index, []);

  const mentions = new Map<number, Candidate[]>();
  for (const key of Object.keys(L.sources) as SourceKey[]) {
    for (const p of L.sources[key]) {
      for (const occ of a.find(p)) {
        if (!attribution.has(occ.sentence)) continue;
        const list = mentions.get(occ.sentence);
        if (list === undefined) mentions.set(occ.sentence, [{ key, occ }]);
        else list.push({ key, occ });
      }
    }
  }

  /** Each distinct source (a lexicon entry, an unnamed person, a name) once, with its category and weight. */
  const voices = new Map<string, { key: SourceKey; first: number; count: number }>();
  const evidence: Record<string, number[]> = {};
  let previous: Candidate[] = [];
  for (const [index, cues] of [...attribution.entries()].sort((x, y) => x[0] - y[0])) {
    const text = a.sentences[index]?.text ?? "";
    let chosen: Candidate[];
    if (pronounSpeaker(a, index, cues) && previous.length > 0) {
      // "He said ...": the speaker of the previous attributed sentence.
      chosen = previous;
    } else {
      let candidates = [...longestMatches(mentions.get(index) ?? [], () => 0), ...unnamedPeople(a, index, text)];
      if (candidates.length === 0) candidates = namedNear(a, index, cues);
      if (candidates.length === 0) continue;
      const closest = new Map<SourceKey, { d: number; c: Candidate }>();
      for (const c of candidates) {
        const d = distance(c.occ, cues);
        const prev = closest.get(c.key);
        if (prev === undefined || d < prev.d) closest.set(c.key, { d, c });
      }
      const best = Math.min(...[...closest.values()].map((x) => x.d));
      chosen = [...closest.values()].filter((x) => x.d <= best + TIE_MARGIN).map((x) => x.c);
    }
    previous = chosen;
    for (const c of chosen) {
      const key = c.key;
      const id = `${key}:${a.lower.slice(c.occ.start, c.occ.end).join(" ")}`;
      const voice = voices.get(id);
      if (voice === undefined) voices.set(id, { key, first: prominence(a, index), count: 1 });
      else voice.count++;
      addEvidence(evidence, OUTPUT_OF[key], index);
      if (key === "stateMedia") addEvidence(evidence, "russianStateMedia", index);
    }
  }
  const totals: Record<SourceKey, number> = {
    anonymous: 0,
    stateMedia: 0,
    kremlin: 0,
    ukrainian: 0,
    western: 0,
    analysts: 0,
    otherNamed: 0,
  };
  let sum = 0;
  for (const v of voices.values()) {
    const w = v.first + Math.min(REPEAT_CAP, REPEAT_BONUS * (v.count - 1));
    totals[v.key] += w;
    sum += w;
  }
  const share = (x: number) => (sum === 0 ? 0 : round(x / sum));
  return {
    anonymous: share(totals.anonymous),
    kremlin: share(totals.kremlin + totals.stateMedia),
    russianStateMedia: share(totals.stateMedia),
    ukrainian: share(totals.ukrainian),
    western: share(totals.western),
    analysts: share(totals.analysts),
    otherNamed: share(totals.otherNamed),
    evidence: Object.fromEntries(Object.entries(evidence).map(([k, v]) => [k, evidenceOf(a, v)])),
  };
}

function negated(a: Analysis, start: number): boolean {
  const sentence = a.sentenceOf[start];
  for (const words of L.negators) {
    for (let back = 1; back <= 3; back++) {
      const at = start - back - (words.length - 1);
      if (at < 0 || a.sentenceOf[at] !== sentence) break;
      if (words.every((w, k) => a.lower[at + k] === w)) return true;
    }
  }
  return false;
}

function nearRussia(flags: Set<number>, sentence: number): boolean {
  return flags.has(sentence) || flags.has(sentence - 1) || flags.has(sentence + 1);
}

/**
 * True when the cue is aimed at the Russian side: "aggression against Russia" (Russia the victim: the
 * Kremlin's framing) or "protect cities from Russian missiles" (Russia the threat).
 */
function aimedAtRussia(a: Analysis, end: number, prepositions: ReadonlySet<string>, reach: number): boolean {
  const sentence = a.sentenceOf[end - 1];
  for (let t = end; t < end + reach && a.sentenceOf[t] === sentence; t++) {
    if (!prepositions.has(a.lower[t] ?? "")) continue;
    for (let k = t + 1; k <= t + 3 && a.sentenceOf[k] === sentence; k++) {
      if (L.aimedAt.russia.has(a.lower[k] ?? "")) return true;
    }
    return false;
  }
  return false;
}

/** Character spans of the quotations in a sentence. */
function quoteSpans(text: string): [number, number][] {
  const spans: [number, number][] = [];
  for (const m of text.matchAll(QUOTE_SPAN)) spans.push([m.index ?? 0, (m.index ?? 0) + m[0].length]);
  return spans;
}

const QUOTE_SPAN = /[“"«][^”"»]+[”"»]|‘[^’]{12,}’/gu;

function inQuote(a: Analysis, token: number, cache: Map<number, [number, number][]>): boolean {
  const sentence = a.sentenceOf[token] ?? -1;
  let spans = cache.get(sentence);
  if (spans === undefined) {
    spans = quoteSpans(a.sentences[sentence]?.text ?? "");
    cache.set(sentence, spans);
  }
  const at = a.charStart[token] ?? -1;
  return spans.some(([from, to]) => at > from && at < to);
}

/** Stance value with the evidence mass behind it (P + A), which the label rules require to be substantial. */
function stance(a: Analysis): FramingDimension & { mass: number } {
  const russia = sentencesOf(a, L.russiaSide);
  const distancing = sentencesOf(a, L.distancing);
  const items: { occ: Occurrence; weight: number; sign: 1 | -1 }[] = [];
  for (const [list, sign] of [
    [L.peacemaker, 1],
    [L.aggressor, -1],
  ] as const) {
    for (const { phrase: p, weight } of list) {
      for (const occ of a.find(p)) if (nearRussia(russia, occ.sentence)) items.push({ occ, weight, sign });
    }
  }
  let pos = 0;
  let neg = 0;
  const quotes = new Map<number, [number, number][]>();
  const bySentence = new Map<number, number>();
  for (const m of longestMatches(items, (m) => m.weight)) {
    let sign: number = m.sign;
    let w = m.weight;
    if (m.occ.start >= 0) {
      const aimed =
        m.sign < 0
          ? aimedAtRussia(a, m.occ.end, L.aimedAt.victim, 2)
          : aimedAtRussia(a, m.occ.end, L.aimedAt.threat, 6);
      if (negated(a, m.occ.start) || aimed) {
        sign = -sign;
        w /= 2;
      }
      // A quoted word is the speaker's framing more than the article's.
      if (inQuote(a, m.occ.start, quotes)) w /= 2;
    }
    if (sign > 0 && distancing.has(m.occ.sentence)) w /= 2;
    if (sign > 0) pos += w;
    else neg += w;
    bySentence.set(m.occ.sentence, (bySentence.get(m.occ.sentence) ?? 0) + sign * w);
  }
  const value = (pos - neg) / (pos + neg + STANCE_PRIOR);
  const ranked = [...bySentence.entries()].sort((x, y) => Math.abs(y[1]) - Math.abs(x[1])).map(([s]) => s);
  return { value: round(value), evidence: evidenceOf(a, ranked), mass: pos + neg };
}

/** Pulls stance toward 0 when there is little evidence. */
const STANCE_PRIOR = 3;
/** An aligned label needs at least this much stance evidence (more than one strong cue). */
const ALIGNED_MASS = 5;

function naming(a: Analysis): Framing["naming"] {
  const sum = (list: Weighted[], hits: number[]) => {
    let total = 0;
    for (const { phrase: p, weight } of list) {
      const found = a.find(p);
      total += weight * found.length;
      for (const o of found) hits.push(o.sentence);
    }
    return total;
  };
  const hits: number[] = [];
  const russian = sum(L.namingRussian, hits);
  const ukrainian = sum(L.namingUkrainian, hits);
  const value = russian + ukrainian === 0 ? 0.5 : russian / (russian + ukrainian);
  const lean =
    russian + ukrainian === 0 ? "neutral" : value >= 0.6 ? "russian" : value <= 0.4 ? "ukrainian" : "neutral";
  return {
    value: round(value),
    russian: round(russian, 2),
    ukrainian: round(ukrainian, 2),
    lean,
    evidence: evidenceOf(
      a,
      hits.sort((x, y) => x - y),
    ),
  };
}

function share(a: Analysis, hits: Set<number>): FramingDimension {
  const n = a.sentences.length;
  const ordered = [...hits].sort((x, y) => x - y);
  return { value: n === 0 ? 0 : round(hits.size / n), evidence: evidenceOf(a, ordered) };
}

function contrast(a: Analysis): FramingDimension {
  const hits = sentencesOf(a, L.contrast);
  for (const s of a.sentences) if (L.contrastWord.test(s.text) && L.contrastClause.test(s.text)) hits.add(s.index);
  return share(a, hits);
}

const FRAME_POSITION = { title: 2, lead: 1.5, body: 1 } as const;

function frames(a: Analysis): Framing["frame"] {
  const raw: Record<string, number> = {};
  let total = 0;
  for (const f of L.frames) {
    let sum = 0;
    for (const p of f.phrases) {
      for (const o of a.find(p)) sum += FRAME_POSITION[a.sentences[o.sentence]?.where ?? "body"];
    }
    raw[f.name] = sum;
    total += sum;
  }
  let dominant = "None";
  let best = 0;
  const scores: Record<string, number> = {};
  for (const f of L.frames) {
    const v = raw[f.name] ?? 0;
    scores[f.name] = total === 0 ? 0 : round(v / total);
    if (v > best) {
      best = v;
      dominant = f.name;
    }
  }
  return { dominant, scores };
}

type Signals = Omit<Framing, "label" | "labelRule" | "summary"> & { stanceMass: number };

/**
 * The label rules, in order; the first that holds names the article. Thresholds are round numbers chosen for
 * meaning (a third of the sourcing, a clear stance), not fitted to particular articles.
 */
export const LABEL_RULES: readonly { label: string; rule: string; test: (f: Signals) => boolean }[] = [
  {
    label: "kremlin-aligned",
    rule: "stance >= +0.3 on enough evidence (cue weight >= 5) with Russian-derived naming or Kremlin/anonymous sourcing >= 0.4, and little contrast (< 0.25) or stance >= +0.5",
    test: (f) =>
      f.stance.value >= 0.3 &&
      f.stanceMass >= ALIGNED_MASS &&
      (f.naming.lean === "russian" || f.sourcing.kremlin + f.sourcing.anonymous >= 0.4) &&
      (f.contrast.value < 0.25 || f.stance.value >= 0.5),
  },
  {
    label: "ukraine-aligned",
    rule: "stance <= -0.3 on enough evidence (cue weight >= 5) with Ukrainian naming or Ukrainian+Western sourcing above Kremlin sourcing, and little contrast (< 0.25) or stance <= -0.5",
    test: (f) =>
      f.stance.value <= -0.3 &&
      f.stanceMass >= ALIGNED_MASS &&
      (f.naming.lean === "ukrainian" || f.sourcing.ukrainian + f.sourcing.western > f.sourcing.kremlin) &&
      (f.contrast.value < 0.25 || f.stance.value <= -0.5),
  },
  {
    label: "contested/balanced",
    rule: "contrast >= 0.2 of sentences, or both Kremlin and Ukrainian/Western sourcing >= 0.25",
    test: (f) =>
      f.contrast.value >= 0.2 || (f.sourcing.kremlin >= 0.25 && f.sourcing.ukrainian + f.sourcing.western >= 0.25),
  },
  {
    label: "anonymous-sourced",
    rule: "anonymous sourcing >= 0.4 of attributed sentences",
    test: (f) => f.sourcing.anonymous >= 0.4,
  },
  {
    label: "western-official",
    rule: "Western officials >= 0.4 of attributed sentences and the largest source",
    test: (f) =>
      f.sourcing.western >= 0.4 &&
      f.sourcing.western >= Math.max(f.sourcing.kremlin, f.sourcing.ukrainian, f.sourcing.anonymous),
  },
  {
    label: "kremlin-sourced",
    rule: "Kremlin officials and Russian state media >= 0.5 of attributed sentences",
    test: (f) => f.sourcing.kremlin >= 0.5,
  },
  {
    label: "ukraine-sourced",
    rule: "Ukrainian officials >= 0.5 of attributed sentences",
    test: (f) => f.sourcing.ukrainian >= 0.5,
  },
  { label: "neutral-report", rule: "no other rule applies", test: () => true },
];

/** The label set (for API documentation and validation of subscription filters). */
export const FRAMING_LABELS: readonly string[] = LABEL_RULES.map((r) => r.label);

function signed(x: number): string {
  return `${x >= 0 ? "+" : ""}${x.toFixed(2)}`;
}

function summaryLine(f: Signals, label: string): string {
  const s = f.sourcing;
  const sources = (
    [
      ["anonymous", s.anonymous],
      ["Kremlin", s.kremlin],
      ["Ukrainian", s.ukrainian],
      ["Western", s.western],
      ["analysts", s.analysts],
      ["other named", s.otherNamed],
    ] as const
  )
    .filter(([, v]) => v > 0)
    .sort((x, y) => y[1] - x[1])
    .slice(0, 2)
    .map(([k, v]) => `${k} ${Math.round(v * 100)}%`);
  const tone = f.stance.value >= 0.3 ? "peacemaker/defensive" : f.stance.value <= -0.3 ? "aggressor" : "mixed";
  return (
    `${label}: stance ${signed(f.stance.value)} (${tone}); sources ${sources.join(", ") || "none attributed"}; ` +
    `naming ${f.naming.lean}; frame ${f.frame.dominant}; contrast ${Math.round(f.contrast.value * 100)}%.`
  );
}

/** Framing of a document (text, `{ title, paragraphs }`, `{ title, text }` or an Analysis). */
export function frameArticle(doc: DocInput | Analysis): Framing {
  const a = analyze(doc);
  const { mass, ...stanceDimension } = stance(a);
  const signals: Signals = {
    sourcing: sourcing(a),
    stance: stanceDimension,
    naming: naming(a),
    loaded: share(a, sentencesOf(a, L.loaded)),
    hedging: share(a, sentencesOf(a, L.hedging)),
    contrast: contrast(a),
    frame: frames(a),
    stanceMass: mass,
  };
  const rule = LABEL_RULES.find((r) => r.test(signals)) ?? LABEL_RULES[LABEL_RULES.length - 1];
  const label = rule?.label ?? "neutral-report";
  const { stanceMass: _mass, ...framing } = signals;
  return { ...framing, label, labelRule: rule?.rule ?? "", summary: summaryLine(signals, label) };
}
