import { describe, expect, it } from "vitest";
import { type Storyline, validateStoryline } from "../scoring/storyline-schema.ts";
import { scoreStorylines } from "../scoring/storyline-score.ts";
import { compileQuery, nearWindow, QUERY_THRESHOLD } from "./compile.ts";
import { QueryError } from "./errors.ts";
import { parseQuery, type QueryNode } from "./parser.ts";

function compiled(query: string): Storyline {
  const result = validateStoryline(compileQuery(query).storyline);
  if (!result.ok) throw new Error(`"${query}" compiled to an invalid storyline: ${result.errors.join("; ")}`);
  return result.storyline;
}

function compileError(query: string): QueryError {
  try {
    compileQuery(query);
  } catch (error) {
    if (error instanceof QueryError) return error;
    throw error;
  }
  throw new Error(`"${query}" compiled without an error`);
}

describe("compileQuery: the storyline a query becomes", () => {
  it("turns alternatives into cues and an exclusion into a damping exclusion", () => {
    const s = compiled('"New START" OR "strategic arms" -Iran');
    expect(s.id).toBe("new-start-strategic-arms");
    expect(s.title).toBe('"New START" OR "strategic arms" -Iran');
    expect(s.description).toMatch(/^Built from the query: "New START" OR "strategic arms" -Iran\.$/);
    expect(s.cues.map((c) => [c.phrase, c.caseSensitive ?? false])).toEqual([
      ["New START", true],
      ["strategic arms", false],
    ]);
    expect(s.gates).toEqual([]);
    expect(s.exclusions).toHaveLength(1);
    expect(s.exclusions[0]?.label).toBe("excluded by the query: -Iran");
    expect(s.threshold).toBe(QUERY_THRESHOLD);
  });

  it.each([
    // query, cue phrases, gate labels, exclusions, notes
    ["ceasefire", ["ceasefire"], [], 0, 0],
    ["ceasefire Ukraine", ["ceasefire", "Ukraine"], ["mentions ceasefire", "mentions Ukraine"], 0, 0],
    [
      "(truce OR ceasefire) Ukraine",
      ["truce", "ceasefire", "Ukraine"],
      ["mentions Ukraine", "mentions one of truce, ceasefire"],
      0,
      0,
    ],
    ["(a b) OR c", ["a", "b", "c"], ["mentions one of a, c", "mentions one of b, c"], 0, 0],
    ["ceasefire -Gaza -(Israel OR Hamas)", ["ceasefire"], [], 2, 0],
    ["Putin NEAR/10 Xi", ["Putin", "Xi"], ["mentions Putin", "mentions Xi"], 0, 1],
    ["(Putin NEAR Xi) Moscow", ["Putin", "Xi"], ["mentions Putin", "mentions Xi", "mentions Moscow"], 0, 1],
    [
      "(Putin NEAR Xi) (Modi NEAR Xi)",
      ["Putin", "Xi", "Modi"],
      ["mentions Putin", "mentions Xi", "mentions Modi"],
      0,
      2,
    ],
    ["negotiat* ceasefire", ["negotiat*", "ceasefire"], ["mentions negotiat*", "mentions ceasefire"], 0, 0],
  ])("%s", (query, cues, gates, exclusions, notes) => {
    const { storyline, notes: said } = compileQuery(query);
    expect(storyline.cues.map((c) => c.phrase)).toEqual(cues);
    expect((storyline.gates ?? []).map((g) => g.label).sort()).toEqual([...gates].sort());
    expect(storyline.exclusions ?? []).toHaveLength(exclusions);
    expect(said).toHaveLength(notes);
    expect(validateStoryline(storyline).ok).toBe(true);
  });

  it("keeps the id, title and description it is given", () => {
    const { storyline } = compileQuery("SCO summit", { id: "sco-summit", title: "SCO summit", description: "Mine." });
    expect(storyline).toMatchObject({ id: "sco-summit", title: "SCO summit", description: "Mine." });
  });

  it("turns NEAR/n words into a sentence window and says so", () => {
    expect([1, 10, 20, 21, 40, 41, 250].map(nearWindow)).toEqual([0, 0, 0, 1, 1, 2, 10]);
    const { storyline, notes } = compileQuery("Putin NEAR/45 Xi");
    expect(storyline.cues[0]?.near).toEqual([{ contexts: ["near_1"], window: 2 }]);
    expect(notes).toEqual([expect.stringMatching(/NEAR\/45 is checked as: within 2 sentences of each other/)]);
  });

  it("matches a word in capitals case-sensitively and others in any case", () => {
    const s = compiled("START OR nato OR NATO summit");
    const flags = Object.fromEntries(s.cues.map((c) => [c.phrase, c.caseSensitive === true]));
    expect(flags).toEqual({ START: true, nato: false, NATO: true, summit: false });
  });

  it.each([
    ["Iran -Iran", 6, /"?Iran"? is both looked for and excluded/],
    ["-Iran", 1, /only excludes/],
    ["(a -b) OR c", 4, /exclusion applies to the whole query/],
    ["(a b) NEAR c", 1, /NEAR takes a word, a "phrase" or \(a OR b\)/],
    ["a -(b c)", 4, /An exclusion takes a word/],
    ["neg*tiat", 4, /a \* may only end a word/],
    ["ne*", 1, /at least 3 letters before it/],
    ['"--"', 1, /has no letters or digits/],
    [`"${"x".repeat(121)}"`, 1, /longer than 120 characters/],
  ])("rejects %j at character %i", (query, position, message) => {
    const error = compileError(query);
    expect(error.message).toMatch(message);
    expect(error.position + 1).toBe(position);
  });
});

describe("compiled storylines score sensibly", () => {
  const query = '"New START" OR "strategic arms" -Iran';
  const storyline = compiled(query);
  const score = (text: string) => scoreStorylines(text, [storyline])[0];

  it.each([
    [
      "a headline about the treaty",
      "Russia offers to keep New START limits for a year\n\nMoscow said on Monday it would observe the treaty's limits.\n",
      true,
    ],
    [
      "a passing mention in the body",
      "Budget talks stall in Washington\n\nLawmakers left without a deal.\n\nThe bill also funds strategic arms programmes.\n",
      true,
    ],
    [
      "'a new start', which is not the treaty",
      "Leaders promise a new start for relations\n\nThe two presidents met in Geneva and spoke of a new start.\n",
      false,
    ],
    [
      "an excluded subject",
      "Iran rejects talks\n\nIran said strategic arms talks with Washington were not on the table.\n",
      false,
    ],
    ["nothing of the kind", "Floods in Spain\n\nRivers burst their banks across Valencia.\n", false],
  ])("%s", (_, text, matched) => {
    expect(score(text)?.matched).toBe(matched);
  });

  it("scores a headline match above a body mention, and an excluded story near zero with its evidence", () => {
    const headline = score("New START talks resume\n\nDiplomats met in Geneva.\n")?.score ?? 0;
    const body = score("Diplomats meet\n\nThey met in Geneva.\n\nNew START came up.\n")?.score ?? 0;
    expect(headline).toBeGreaterThan(body);
    expect(body).toBeGreaterThanOrEqual(QUERY_THRESHOLD);
    const excluded = score("New START and Iran\n\nIran and New START were discussed.\n");
    expect(excluded?.score).toBeLessThan(0.1);
    expect(excluded?.exclusion.found).toEqual(["Iran"]);
    expect(excluded?.evidence.map((e) => e.cue)).toContain("New START");
  });

  it("keeps NEAR to the sentence", () => {
    const near = compiled("Putin NEAR/10 Xi");
    const same = "Summit in Beijing\n\nPutin and Xi signed a statement.\n";
    const apart = "Summit in Beijing\n\nPutin arrived on Monday.\n\nThe weather was fine.\n\nXi hosted a dinner.\n";
    expect(scoreStorylines(same, [near])[0]?.matched).toBe(true);
    expect(scoreStorylines(apart, [near])[0]?.matched).toBe(false);
  });
});

// ---- the compiled storyline matches what the query matches -------------------------------------------------------

/** A small deterministic PRNG (mulberry32), so the generated cases are the same on every run. */
function prng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WANTED = ["alpha", "bravo", "charlie", "delta", '"echo foxtrot"'];
const EXCLUDED = ["golf", "hotel"];
const FILLER = ["the", "report", "said", "today", "officials", "echo", "foxtrot"];

function randomQuery(rand: () => number, withNear: boolean): string {
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)] as T;
  const expr = (depth: number): string => {
    const r = rand();
    if (depth === 0 || r < 0.4) return pick(WANTED);
    if (withNear && r < 0.55) return `${pick(WANTED)} NEAR/10 ${pick(WANTED)}`;
    if (r < 0.75) return `(${expr(depth - 1)} OR ${expr(depth - 1)})`;
    return `(${expr(depth - 1)} ${expr(depth - 1)})`;
  };
  const parts = [expr(2)];
  if (rand() < 0.5) parts.push(expr(1));
  if (rand() < 0.4) parts.push(`-${pick(EXCLUDED)}`);
  return parts.join(" ");
}

/** A document as sentences of words; the first sentence is the headline. */
function randomDoc(rand: () => number): string[][] {
  const vocabulary = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", ...FILLER];
  const sentences: string[][] = [];
  const count = 2 + Math.floor(rand() * 5);
  for (let i = 0; i < count; i++) {
    const words = ["the", "report"];
    const n = 1 + Math.floor(rand() * 3);
    for (let j = 0; j < n; j++) words.push(vocabulary[Math.floor(rand() * vocabulary.length)] as string);
    if (rand() < 0.2) words.push("echo", "foxtrot");
    sentences.push(words);
  }
  return sentences;
}

function docText(sentences: string[][]): string {
  const line = (words: string[]) => `${words.join(" ").replace(/^./, (c) => c.toUpperCase())}.`;
  return `${line(sentences[0] ?? [])}\n\n${sentences.slice(1).map(line).join("\n\n")}\n`;
}

/** What a search engine would answer: the query over the document's words, NEAR as "in one sentence". */
function searchMatches(node: QueryNode, sentences: string[][]): boolean {
  const has = (sentence: string[], phrase: string) => {
    const words = phrase.toLowerCase().split(" ");
    return sentence.some((_, i) => words.every((w, j) => sentence[i + j] === w));
  };
  const termIn = (n: QueryNode, sentence: string[]): boolean =>
    n.type === "term" ? has(sentence, n.text) : n.type === "or" ? n.items.some((i) => termIn(i, sentence)) : false;
  switch (node.type) {
    case "term":
      return sentences.some((s) => has(s, node.text));
    case "and":
      return node.items.every((i) => searchMatches(i, sentences));
    case "or":
      return node.items.some((i) => searchMatches(i, sentences));
    case "not":
      return !searchMatches(node.item, sentences);
    case "near":
      return sentences.some((s) => node.items.every((i) => termIn(i, s)));
  }
}

describe("a compiled storyline enters exactly the stories its query matches", () => {
  it.each([
    ["without NEAR", false, 1],
    ["with NEAR", true, 2],
  ])("%s (400 generated queries x 10 documents)", (_, withNear, seed) => {
    const rand = prng(seed);
    let compared = 0;
    for (let q = 0; q < 400; q++) {
      const query = randomQuery(rand, withNear);
      const { storyline: input, notes } = compileQuery(query);
      const exact = !notes.some((n) => n.startsWith("Storylines cannot keep"));
      const result = validateStoryline(input);
      if (!result.ok) throw new Error(`${query}: ${result.errors.join("; ")}`);
      const tree = parseQuery(query);
      for (let d = 0; d < 10; d++) {
        const doc = randomDoc(rand);
        const got = scoreStorylines(docText(doc), [result.storyline])[0]?.matched;
        const want = searchMatches(tree, doc);
        if (exact) {
          expect({ query, doc: docText(doc), matched: got }).toEqual({ query, doc: docText(doc), matched: want });
          compared += 1;
        } else if (want) {
          // Approximate NEARs may let more in, never less.
          expect({ query, doc: docText(doc), matched: got }).toEqual({ query, doc: docText(doc), matched: true });
        }
      }
    }
    expect(compared).toBeGreaterThan(2000);
  });
});
