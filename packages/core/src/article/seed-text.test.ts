import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { describeShared, sharedPath } from "../../../../test/support/shared.ts";
import { normalizeText, parseSeedText, type SeedText, toSeedText } from "./seed-text.ts";

describe("parseSeedText", () => {
  it.each<[string, string, SeedText]>([
    ["headline, blank line, paragraphs", "Title\n\nOne.\n\nTwo.\n", { title: "Title", paragraphs: ["One.", "Two."] }],
    [
      "no blank line after the first line: no headline",
      "One.\nTwo.\nThree.",
      { title: null, paragraphs: ["One.", "Two.", "Three."] },
    ],
    ["headline with a body of single lines", "Title\n\nOne.\nTwo.", { title: "Title", paragraphs: ["One.", "Two."] }],
    ["a single line is a paragraph", "Only line.\n\n\n", { title: null, paragraphs: ["Only line."] }],
    [
      "front matter is ignored",
      "---\nid: 1\nsource: x\n---\nTitle\n\nBody.",
      { title: "Title", paragraphs: ["Body."] },
    ],
    [
      "CRLF and BOM",
      "\ufeffTitle\r\n\r\nBody one.\r\n\r\nBody two.\r\n",
      { title: "Title", paragraphs: ["Body one.", "Body two."] },
    ],
    ["leading blank lines skipped", "\n\n  \nTitle\n\nBody.", { title: "Title", paragraphs: ["Body."] }],
    [
      "hard-wrapped blocks are joined",
      "Title\n\nA short wrapped\nparagraph here.\n\nAnother one\nwrapped too.",
      { title: "Title", paragraphs: ["A short wrapped paragraph here.", "Another one wrapped too."] },
    ],
    ["empty", "", { title: null, paragraphs: [] }],
  ])("%s", (_name, text, expected) => {
    expect(parseSeedText(text)).toEqual(expected);
  });
});

describe("toSeedText", () => {
  it.each<[string, SeedText, string]>([
    ["title and paragraphs", { title: "T", paragraphs: ["A", "B"] }, "T\n\nA\n\nB\n"],
    [
      "no title: one paragraph per line (reads back without a headline)",
      { title: null, paragraphs: ["A", "B"] },
      "A\nB\n",
    ],
    ["empty title counts as none", { title: " ", paragraphs: ["A"] }, "A\n"],
    ["title only", { title: "T", paragraphs: [] }, "T\n"],
    ["nothing", { title: null, paragraphs: [] }, ""],
    ["newlines inside a paragraph collapse", { title: "T", paragraphs: ["a\nb", "  "] }, "T\n\na b\n"],
  ])("%s", (_name, seed, expected) => {
    expect(toSeedText(seed)).toBe(expected);
  });

  it("round-trips through parseSeedText", () => {
    for (const seed of [
      { title: "T", paragraphs: ["A", "B"] },
      { title: null, paragraphs: ["A", "B", "C"] },
      { title: null, paragraphs: ["Only"] },
    ]) {
      expect(parseSeedText(toSeedText(seed))).toEqual(seed);
    }
  });
});

describe("normalizeText", () => {
  it("drops furniture, fixes artefacts, and is idempotent", () => {
    const text = "Title\n\nBody one .\n\nShare on Facebook\n\nBody two.Source: Agency.\n\nLeave a comment";
    const once = normalizeText(text);
    expect(once).toBe("Title\n\nBody one.\n\nBody two.\n\nSource: Agency.\n");
    expect(normalizeText(once)).toBe(once);
  });
});

/** What each seed must normalize to, stated independently of the code under test. */
const SEEDS: {
  file: string;
  title: string | null;
  paragraphs: number;
  /** Seed lines that are furniture and must go. */
  furniture: string[];
}[] = [
  { file: "000_1d6d5fc977bff7a7.txt", title: null, paragraphs: 17, furniture: [] },
  { file: "001_5293376d8269ff76.txt", title: null, paragraphs: 24, furniture: [] },
  {
    file: "002_7de3fbac1ce3d5c1.txt",
    title: "Putin’s Urgent Peace Drive Amid Donbass Advances and Ukraine Threats",
    paragraphs: 9,
    furniture: [],
  },
  { file: "003_d5c22ee40d381265.txt", title: null, paragraphs: 36, furniture: ["Leave a comment"] },
  {
    file: "004_f483162abf23894c.txt",
    title: "Russian Leader-Peking Defense Talks Signal Shift in Eurasian Security Balance",
    // 4 body paragraphs, plus the attribution split off "…and sanctions.Source attribution: …".
    paragraphs: 5,
    furniture: [
      "No time to read?",
      "Get a summary",
      "Previous Article",
      "Rising Tensions in Artemovsk: Wagner Group Engagement and Urban Fortifications",
      "Next Article",
      "Spain’s green hydrogen push: leadership, challenges, and local milestones in Europe",
    ],
  },
];

/** The seed's own lines minus its headline and furniture, with the two documented repairs applied by hand. */
function expectedParagraphs(raw: string, title: string | null, furniture: string[]): string[] {
  const lines = raw.split("\n").filter((line) => line.trim() !== "");
  const body = title ? lines.slice(1) : lines;
  return body
    .filter((line) => !furniture.includes(line))
    .map((line) => line.replaceAll(" .", "."))
    .flatMap((line) => line.split(/(?<=sanctions\.)(?=Source attribution:)/));
}

describeShared("seeds normalize to themselves", () => {
  it.each(SEEDS)("$file", ({ file, title, paragraphs, furniture }) => {
    const raw = readFileSync(sharedPath("seeds", file), "utf8");
    const normalized = normalizeText(raw);
    const parsed = parseSeedText(normalized);

    expect(parsed.title).toBe(title);
    expect(parsed.paragraphs).toEqual(expectedParagraphs(raw, title, furniture));
    expect(parsed.paragraphs).toHaveLength(paragraphs);
    for (const line of furniture) expect(normalized).not.toContain(line);
    expect(normalized).not.toMatch(/ \./);
    expect(normalizeText(normalized)).toBe(normalized);
  });

  it("leaves the clean seeds byte-identical apart from trailing blank lines", () => {
    for (const file of [SEEDS[0]?.file, SEEDS[1]?.file, SEEDS[2]?.file]) {
      const raw = readFileSync(sharedPath("seeds", file ?? ""), "utf8");
      expect(normalizeText(raw)).toBe(`${raw.trimEnd()}\n`);
    }
  });

  it("fixes seed 003's stripped-citation spaces and keeps its section headings", () => {
    const normalized = normalizeText(readFileSync(sharedPath("seeds", "003_d5c22ee40d381265.txt"), "utf8"));
    expect(normalized).toContain("were among the casualties.");
    expect(normalized).toContain("air defense package. These developments");
    expect(normalized).toContain("\nPutin Shatters Fragile Ceasefire—Winter’s Human Cost\n");
    expect(normalized).toContain("\nFAQs\n");
    expect(normalized.endsWith("discussions of visa bans and enhanced border security.\n")).toBe(true);
  });
});
