import { readdirSync, readFileSync } from "node:fs";
import { tokenF1 } from "@storywire/core/test-support/token-f1";
import { describe, expect, it } from "vitest";
import { describeShared, hasShared, sharedPath } from "../../../../test/support/shared.ts";
import { MAX_ELEMENTS_TO_PARSE, MAX_NESTING_DEPTH } from "./constants.ts";
import { extractArticle, parsePage } from "./extract-article.ts";
import { htmlToParagraphs } from "./html-to-paragraphs.ts";

const BODY = [
  "Russian and Chinese defence ministers met in Moscow on Tuesday to discuss joint exercises in the Pacific, officials said after the talks.",
  "The meeting, the third this year, covered air patrols over the Sea of Japan and a new schedule of naval drills, according to a statement.",
  "Analysts in Brussels said the talks signalled a deepening of military cooperation that Western capitals have watched with growing concern.",
  "Neither side gave details of the equipment involved, but both ministries described the exercises as routine and not aimed at third countries.",
  "The next round of talks is expected in Beijing in the autumn, when the Shanghai Cooperation Organization holds its annual defence meeting.",
];

function page(options: { lang?: string; extra?: string } = {}): string {
  return `<!DOCTYPE html><html lang="${options.lang ?? "en-GB"}"><head>
<title>Ministers discuss joint drills | Example News</title>
<meta property="og:title" content="Ministers discuss joint drills">
<meta property="og:site_name" content="Example News">
<meta name="author" content="Jane Reporter">
<meta property="article:published_time" content="2026-02-04T10:00:00Z">
<script>window.tracking = "SECRET-TRACKER";</script></head>
<body><header><nav><a href="/">Home</a><a href="/world">World</a></nav></header>
<main><article><h1>Ministers discuss joint drills</h1>
${BODY.map((p) => `<p>${p}</p>`).join("\n")}
<div class="share-bar"><a href="/share">Share on Facebook</a></div>
<p><a href="/next">Read more</a></p>${options.extra ?? ""}
</article></main><footer>Copyright Example News</footer></body></html>`;
}

describe("extractArticle", () => {
  it("extracts the article body, title and metadata", () => {
    const article = extractArticle(page(), "https://news.example.com/world/drills");
    expect(article).not.toBeNull();
    expect(article?.title).toBe("Ministers discuss joint drills");
    expect(article?.paragraphs).toEqual(BODY);
    expect(article?.byline).toBe("Jane Reporter");
    expect(article?.siteName).toBe("Example News");
    expect(article?.publishedTime).toBe("2026-02-04T10:00:00Z");
    expect(article?.language).toBe("en");
    expect(article?.excerpt).toContain("defence ministers met in Moscow");
    expect(JSON.stringify(article)).not.toContain("SECRET-TRACKER");
  });

  it("works without a URL and keeps an <img onerror> inert", () => {
    const article = extractArticle(page({ extra: '<p><img src="x" onerror="alert(1)">Photo note.</p>' }));
    expect(article?.paragraphs.at(-1)).toBe("Photo note.");
    expect(JSON.stringify(article)).not.toContain("onerror");
  });

  it.each<[string, string]>([
    ["empty input", ""],
    ["plain text", "just a few words"],
    ["a page without an article", "<html><body><nav><a href='/'>Home</a></nav></body></html>"],
    ["binary noise", "\u0000\u0001\u0002<<<>>>\ufffd"],
  ])("returns null for %s", (_name, html) => {
    expect(extractArticle(html, "https://example.com/")).toBeNull();
  });

  it("returns null rather than working for minutes when the page has too many elements", () => {
    const huge = `<html><body><article>${"<span>x</span>".repeat(MAX_ELEMENTS_TO_PARSE + 1)}</article></body></html>`;
    expect(extractArticle(huge)).toBeNull();
  });

  it("returns null for a page nested deeper than real pages ever are", () => {
    const depth = MAX_NESTING_DEPTH + 50;
    const deep = page({ extra: `${"<div>".repeat(depth)}<p>${BODY.join(" ")}</p>${"</div>".repeat(depth)}` });
    expect(extractArticle(deep)).toBeNull();
    const shallow = page({ extra: `${"<div>".repeat(20)}<p>Nested note.</p>${"</div>".repeat(20)}` });
    expect(extractArticle(shallow)?.paragraphs.at(-1)).toBe("Nested note.");
  });
});

describe("parsePage", () => {
  it("gives the document the URIs Readability resolves links against, honouring <base href>", () => {
    const plain = parsePage("<html><head></head><body><p>x</p></body></html>", "https://example.com/a/b.html");
    expect(plain.documentURI).toBe("https://example.com/a/b.html");
    expect(plain.baseURI).toBe("https://example.com/a/b.html");
    const based = parsePage('<html><head><base href="/static/"></head><body></body></html>', "https://example.com/a/b");
    expect(based.baseURI).toBe("https://example.com/static/");
  });

  it("ignores non-http URLs and wraps fragments in a document", () => {
    const document = parsePage("<p>fragment</p>", "javascript:alert(1)");
    expect(document.body?.textContent).toBe("fragment");
    expect(document.baseURI).not.toBe("javascript:alert(1)");
  });
});

/**
 * Token F1 of our extraction against Readability's expected output (expected.html, run through
 * htmlToParagraphs). Tokens are lowercase words; CJK characters count one token each (see token-f1.ts),
 * otherwise the Chinese page (gmw) would be scored on a handful of sentence-long "words".
 */
const PAGES_DIR = sharedPath("fixtures", "pages");
const pages = hasShared ? readdirSync(PAGES_DIR).filter((name) => name.startsWith("readability-")) : [];

describeShared("extraction quality on real pages", () => {
  it("reaches an average token F1 of at least 0.90 and matches the expected title and byline", () => {
    const rows: string[] = [];
    let total = 0;
    for (const name of pages) {
      const dir = `${PAGES_DIR}/${name}`;
      const article = extractArticle(readFileSync(`${dir}/source.html`, "utf8"), `https://example.com/${name}`);
      const expectedText = htmlToParagraphs(readFileSync(`${dir}/expected.html`, "utf8")).join("\n");
      const metadata = JSON.parse(readFileSync(`${dir}/expected-metadata.json`, "utf8")) as {
        title: string | null;
        byline: string | null;
      };
      const score = tokenF1(expectedText, article?.paragraphs.join("\n") ?? "");
      total += score.f1;
      rows.push(
        `${name.padEnd(28)} P=${score.precision.toFixed(3)} R=${score.recall.toFixed(3)} F1=${score.f1.toFixed(3)}`,
      );
      expect(article?.title ?? null, `${name} title`).toBe(metadata.title);
      expect(article?.byline ?? null, `${name} byline`).toBe(metadata.byline);
    }
    const average = total / pages.length;
    console.log(`token F1 per page (CJK per character):\n${rows.join("\n")}\naverage F1 = ${average.toFixed(4)}`);
    expect(pages.length).toBeGreaterThan(0);
    expect(average).toBeGreaterThanOrEqual(0.9);
  });

  it("detects each page's language", () => {
    const expected: Record<string, string> = {
      "readability-folha": "pt",
      "readability-gmw": "zh",
      "readability-lemonde-1": "fr",
      "readability-telegraph": "en",
      "readability-cnn": "en",
    };
    for (const [name, language] of Object.entries(expected)) {
      if (!pages.includes(name)) continue;
      const article = extractArticle(readFileSync(`${PAGES_DIR}/${name}/source.html`, "utf8"));
      expect(article?.language, name).toBe(language);
    }
  });
});
