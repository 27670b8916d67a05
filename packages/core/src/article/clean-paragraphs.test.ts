import { describe, expect, it } from "vitest";
import {
  cleanParagraphs,
  dropFurniture,
  fixArtefacts,
  isFurniture,
  isLinkLine,
  isLinkListHeading,
  splitGluedAttribution,
} from "./clean-paragraphs.ts";
import { htmlToParagraphs } from "./html-to-paragraphs.ts";

describe("isFurniture", () => {
  it.each([
    "No time to read?",
    "Get a summary",
    "No time to read? Get a summary",
    "No time to read? Get a summary Previous Article",
    "Previous Article",
    "Next Article",
    "Leave a comment",
    "Share this article",
    "Share on Facebook",
    "Share on X",
    "Share | Tweet | Email",
    "Read more",
    "Read more »",
    "Continue reading →",
    "Advertisement",
    "ADVERTISEMENT",
    "Sign up for our newsletter",
    "Sign up for our daily newsletter to get the news first.",
    "Related articles",
    "Related: Chicago is America's most segregated city",
    "[Read: Why Tunisia suffers from Islamist violence]",
    "Click here to subscribe.",
    "Follow us on Twitter and Facebook",
    "We use cookies to give you the best experience. By continuing you agree to our cookie policy.",
    "Accept all cookies",
    "12 comments",
  ])("drops %j", (line) => {
    expect(isFurniture(line)).toBe(true);
  });

  it.each([
    "Read more about the talks in our earlier report, which covered the first round in detail.",
    "Officials said they would read more of the documents before deciding.",
    "Putin Shatters Fragile Ceasefire—Winter’s Human Cost",
    "Conclusion",
    "FAQs",
    "Q: Are peace talks making progress?",
    "Next, the delegations will meet in Geneva.",
    "Share prices fell sharply after the announcement.",
    "Advertisement revenue at the broadcaster fell by a third last year.",
    "",
  ])("keeps %j", (line) => {
    expect(isFurniture(line)).toBe(false);
  });
});

describe("fixArtefacts", () => {
  it.each<[string, string]>([
    ["were among the casualties .", "were among the casualties."],
    [
      "a $290 million air defense package . These developments",
      "a $290 million air defense package. These developments",
    ],
    ["energy, and space . Xi, in turn", "energy, and space. Xi, in turn"],
    [
      "(January 23–24, with another round on February 4–5) . These",
      "(January 23–24, with another round on February 4–5). These",
    ],
    ["a link , then text", "a link, then text"],
    ["doubled  spaces   here", "doubled spaces here"],
    ["a .45 caliber and .NET stay", "a .45 caliber and .NET stay"],
    ["“barbaric” after — dashes – and ‘quotes’ stay", "“barbaric” after — dashes – and ‘quotes’ stay"],
  ])("%j -> %j", (input, expected) => {
    expect(fixArtefacts(input)).toBe(expected);
  });
});

describe("splitGluedAttribution", () => {
  it("moves an attribution glued to the last sentence into its own paragraph", () => {
    expect(splitGluedAttribution("Pressure and sanctions.Source attribution: Business Insider and briefings.")).toEqual(
      ["Pressure and sanctions.", "Source attribution: Business Insider and briefings."],
    );
    expect(splitGluedAttribution("He left on Friday.”Reporting by Jane Doe; Editing by John Roe")).toEqual([
      "He left on Friday.”",
      "Reporting by Jane Doe; Editing by John Roe",
    ]);
  });

  it("leaves ordinary text alone", () => {
    for (const text of ["Source: Reuters", "The source said. Source: Reuters", "Node.js and U.S.Source"]) {
      expect(splitGluedAttribution(text)).toEqual([text]);
    }
  });
});

describe("cleanParagraphs", () => {
  it("drops furniture and the related title after Previous/Next Article (seed 004 layout)", () => {
    const input = [
      "Body one.",
      "No time to read? Get a summary Previous Article",
      "Rising Tensions in Artemovsk: Wagner Group Engagement and Urban Fortifications",
      "Next Article",
      "Spain’s green hydrogen push: leadership, challenges, and local milestones in Europe",
    ];
    expect(cleanParagraphs(input)).toEqual(["Body one."]);
  });

  it("keeps a sentence after a marker (only a headline-like line goes)", () => {
    expect(cleanParagraphs(["Next Article", "The talks resumed on Monday."])).toEqual(["The talks resumed on Monday."]);
  });

  it("drops an inline 'Next story: <title>' line", () => {
    expect(cleanParagraphs(["Text.", "Next story: Markets rally on ceasefire hopes"])).toEqual(["Text."]);
  });

  it("keeps a sentence with 'read more' in the middle (from HTML)", () => {
    const html =
      "<p>Residents who read more than one newspaper were better informed, the study found.</p>" +
      '<p><a href="/more">Read more</a></p><div class="ad-slot">Advertisement</div><p>Advertisement</p>';
    expect(cleanParagraphs(htmlToParagraphs(html))).toEqual([
      "Residents who read more than one newspaper were better informed, the study found.",
    ]);
  });

  it.each<[string, string[], string[]]>([
    [
      "repairs and drops",
      ["Text , here .", "Leave a comment", "End.Source: Agency report."],
      ["Text, here.", "End.", "Source: Agency report."],
    ],
    ["furniture revealed by a split goes in the same pass", ["Read more.Source: Agency."], ["Source: Agency."]],
    [
      "marker, furniture, then the related title",
      ["Body.", "Previous Article", "Advertisement", "Other headline"],
      ["Body."],
    ],
  ])("is idempotent: %s", (_name, input, expected) => {
    const once = cleanParagraphs(input);
    expect(once).toEqual(expected);
    expect(cleanParagraphs(once)).toEqual(once);
  });
});

describe("furniture by shape", () => {
  const body = ["The talks resumed in Geneva on Monday.", "Negotiators said the mood was constructive."];

  it.each([
    "- [Zelensky says Ukraine ready for ceasefire](https://example.test/a)",
    "[Envoys head to Moscow](/world/envoys)",
    "https://example.test/world/ukraine-talks",
    "• [Explainer: the 20-point plan](https://example.test/b)",
  ])("a line that is only a link is furniture: %j", (line) => {
    expect(isLinkLine(line)).toBe(true);
    expect(dropFurniture([...body, line])).toEqual(body);
  });

  it.each([
    "Related stories",
    "READ MORE",
    "Read more:",
    "More on this story",
    "You might also like",
    "Most read",
    "Editor's picks",
    "More from Reuters",
    "Read next",
    "Tags",
  ])("a link-list heading and the headlines after it go: %j", (heading) => {
    expect(isLinkListHeading(heading)).toBe(true);
    const block = [heading, "Kremlin says Abu Dhabi round was constructive", "* Ukraine, Russia swap prisoners"];
    expect(dropFurniture([...body, ...block])).toEqual(body);
    // The block ends at the first line of prose, which stays.
    expect(dropFurniture([...block, "The talks resumed on Monday, officials said."])).toEqual([
      "The talks resumed on Monday, officials said.",
    ]);
  });

  it.each([
    "Tags: Ukraine, Russia, ceasefire, peace talks",
    "Topics: Ukraine war, diplomacy",
    "Filed under: Nuclear power, IAEA",
    "Keywords: SCO, China, Russia",
  ])("tag lists go: %j", (line) => {
    expect(isFurniture(line)).toBe(true);
  });

  it.each([
    "[Share] [Tweet] [Email]",
    "[Photo: Vladimir Putin and US envoy Steve Witkoff at the Kremlin. Photo: Kremlin press service / handout]",
    "By Marina Kovaleva in Moscow",
    "By Lina Haddad and Oleksiy Marchenko",
    "By Tom Ashby, Reuters",
    "World | 3 December 2025, 08:05",
    "Updated: March 3, 2025 at 10:15 am ET",
    "By Staff, Northern Wire, with agencies",
    "The Evening Courier | Vienna | 14 June 2021",
    "Baltic Herald | Tallinn | 2 May 2024 | By Kadri Tamm",
    "Steppe Post | March 8, 2023 | Author: Aidos Seitkali",
    "Policy Forum | Op-ed | 12 October 2022",
    "Published: 2025-03-11 14:02",
    "11.03.2025, 14:02",
    "Politics | 11.03.2025 | By Oleh Marchuk",
  ])("scraped-page furniture goes: %j", (line) => {
    expect(isFurniture(line)).toBe(true);
  });

  it.each([
    "By Friday, Ukraine said the talks would resume.",
    "By the end of the day the delegations had left Geneva.",
    "[Ukrainian officials said the talks were constructive.]",
    "By Monday, officials expect a deal with agencies",
    "The ceasefire took effect on 11.03.2025 at noon.",
    "Russia said on 11 March 2025 that the talks | would go on.",
    "Opposition | Government | 14 June 2021 was the day the vote was held, and the count took a week to finish.",
  ])("a sentence that only looks like furniture stays: %j", (line) => {
    expect(isFurniture(line)).toBe(false);
  });

  it("drops a related-links box that ends the article without a heading", () => {
    const box = ["1. New START expires: what happens now", "2. Russia offers to keep to the limits"];
    expect(dropFurniture([...body, ...box])).toEqual(body);
    expect(dropFurniture([...body, "\u00BB Uzbekistan to host SCO meeting", "\u00BB China, Russia sign deal"])).toEqual(
      body,
    );
  });

  it("keeps the article's own lists: introduced by a lead-in, in the middle, or a single item", () => {
    const plan = ["The plan's main points:", "- A ceasefire along the current line", "- Security guarantees"];
    expect(dropFurniture([...body, ...plan])).toEqual([...body, ...plan]);
    const middle = [body[0] ?? "", "- A ceasefire along the line", "- Security guarantees", body[1] ?? ""];
    expect(dropFurniture(middle)).toEqual(middle);
    expect(dropFurniture([...body, "- One point"])).toEqual([...body, "- One point"]);
  });

  it("keeps prose that mentions related stories or reading more", () => {
    const prose = [
      "Related stories in the Ukrainian press said the delegation would fly to Riyadh on Sunday.",
      "Read more about the talks in our earlier report, which covered the first round in detail.",
      "More from the Kremlin: Peskov said the talks would resume on Monday.",
      "Latest figures show exports fell by a fifth.",
    ];
    expect(dropFurniture(prose)).toEqual(prose);
  });

  it("cleans a scraped page (share bar, newsletter box, related list, tags) and is idempotent", () => {
    const page = [
      "Listen to this article",
      "Share on Facebook Share on X Share via Email",
      ...body,
      "Advertisement",
      "Sign up for our daily briefing newsletter",
      "Your email address",
      "Subscribe",
      "More on this story",
      "* Explainer: what is on the table in the Ukraine peace talks",
      "* Zelensky rules out withdrawing from Donbas",
      "Topics: Ukraine war, Russia, Geneva, diplomacy",
    ];
    const once = cleanParagraphs(page);
    expect(once).toEqual(body);
    expect(cleanParagraphs(once)).toEqual(once);
  });
});
