import { describe, expect, it } from "vitest";
import { defaultStorylines } from "./defaults/index.ts";
import { parseStoryline } from "./storyline-schema.ts";
import { scoreStorylines } from "./storyline-score.ts";

function score(text: string, id: string): number {
  return scoreStorylines(text).find((r) => r.id === id)?.score ?? Number.NaN;
}

describe("default storylines on short wire texts", () => {
  it.each([
    [
      "ceasefire",
      "Russia and Ukraine agree energy truce\n\nRussia and Ukraine agreed to a 30-day halt on strikes on energy facilities, the Kremlin and Kyiv said after U.S.-brokered talks in Riyadh.",
    ],
    [
      "ceasefire",
      "Talks in Istanbul end without truce\n\nUkrainian and Russian delegations met in Istanbul for direct peace talks but failed to agree a ceasefire. Zelensky said Kyiv was ready for another round.",
    ],
    [
      "new-start",
      "Putin offers one-year New START extension\n\nPresident Vladimir Putin said Russia would observe the treaty's limits of 1,550 deployed warheads for a year after it expires on Feb. 5, 2026.",
    ],
    [
      "new-start",
      "Last nuclear treaty lapses\n\nThe New Start treaty between the US and Russia has expired, ending inspections and limits on deployed strategic warheads.",
    ],
    [
      "sco",
      "SCO defence ministers meet in Qingdao\n\nDefence ministers of the Shanghai Cooperation Organization met in Qingdao, where China's Dong Jun held talks with Russia's Andrei Belousov on joint exercises.",
    ],
    [
      "sco",
      "Chinese, Russian bombers fly joint patrol\n\nChinese and Russian strategic bombers carried out a joint air patrol over the Sea of Japan, Japan's defence ministry said.",
    ],
  ])("%s matches: %s", (id, text) => {
    const r = scoreStorylines(text).find((x) => x.id === id);
    expect(r?.matched).toBe(true);
    expect(r?.evidence.length).toBeGreaterThan(0);
  });

  it.each([
    [
      "ceasefire",
      "Gaza ceasefire holds\n\nA ceasefire between Israel and Hamas held as hostages were freed, mediators in Egypt and Qatar said.",
    ],
    [
      "ceasefire",
      "Lebanon truce\n\nThe Israel-Hezbollah truce largely held as the Lebanese army deployed south of the Litani river.",
    ],
    [
      "ceasefire",
      "Sudan truce\n\nSudan's RSF said it accepted a humanitarian truce after talks in Jeddah. Russia and China abstained at the UN.",
    ],
    [
      "ceasefire",
      "Putin and Xi hold talks\n\nRussian President Vladimir Putin held talks with Xi Jinping in Beijing on energy and trade.",
    ],
    [
      "new-start",
      "Talks to start on Monday\n\nRussia and Ukraine will start a new round of talks in Geneva on Monday.",
    ],
    [
      "new-start",
      "A New Start for Syria\n\nSyria's new government promised a fresh start for the economy after sanctions were lifted.",
    ],
    [
      "new-start",
      "Iran nuclear talks\n\nIran and the U.S. held talks on Tehran's nuclear programme and IAEA inspections of enriched uranium.",
    ],
    [
      "sco",
      "Scottish Chamber Orchestra tour\n\nThe SCO announced its summer tour with new commissions and workshops for schools.",
    ],
    ["sco", "Shanghai lockdown\n\nShanghai extended its Covid lockdown as cases surged in China's largest city."],
    [
      "sco",
      "NATO begins Baltic exercise\n\nNATO allies began the BALTOPS naval exercise in the Baltic Sea, a signal to Russia after cable sabotage. Officials also watch Russia and China's cooperation in the Arctic.",
    ],
    [
      "sco",
      "US, Japan, South Korea defence ministers meet\n\nThe defence ministers of the United States, Japan and South Korea agreed to expand trilateral drills. They voiced concern over North Korea's military cooperation with Russia and China's behaviour at sea.",
    ],
  ])("%s does not match: %s", (id, text) => {
    expect(scoreStorylines(text).find((x) => x.id === id)?.matched).toBe(false);
  });
});

const custom = parseStoryline({
  id: "test",
  title: "Test",
  contexts: { place: ["Freedonia"], other: ["Sylvania"] },
  cues: [
    { phrase: "summit", weight: 4 },
    { phrase: "accord", weight: 4, near: [{ contexts: ["place"], window: 0 }] },
  ],
  gates: [{ contexts: ["place"] }],
  exclusions: [{ contexts: ["other"], against: [{ contexts: ["place"] }] }],
});

describe("scoring rules", () => {
  const run = (text: string) => {
    const [r] = scoreStorylines(text, [custom]);
    if (r === undefined) throw new Error("no result");
    return r;
  };

  it("is 1 - exp(-raw / saturation) and counts the headline three times", () => {
    const body = run("Nothing here\n\nA quiet day. Another one. The summit opened in Freedonia.");
    const title = run("The summit in Freedonia\n\nA quiet day. Nothing else.");
    expect(body.raw).toBe(4);
    expect(body.score).toBeCloseTo(1 - Math.exp(-0.4), 4);
    expect(title.raw).toBe(12);
  });

  it("gives repeated occurrences of one cue diminishing returns", () => {
    const r = run("x\n\nOne. Two. Freedonia summit. Summit again. Summit once more.");
    expect(r.raw).toBeCloseTo(4 + 2 + 1, 6);
  });

  it("counts a cue with `near` only where its context is close enough", () => {
    expect(run("x\n\nOne. Two. The accord was signed in Freedonia.").raw).toBe(4);
    expect(run("x\n\nOne. Two. The accord was signed. Freedonia cheered.").raw).toBe(0);
  });

  it("halves the score and refuses `matched` when a gate fails", () => {
    const r = run("Summit summit\n\nThe summit opened. The summit closed.");
    expect(r.gates).toEqual([{ label: "place", passed: false }]);
    expect(r.matched).toBe(false);
    expect(r.score).toBeCloseTo(0.5 * (1 - Math.exp(-r.raw / 10)), 4);
  });

  it("vetoes when exclusion phrases appear without the storyline's own context, and damps when they outweigh it", () => {
    const veto = run("Summit news\n\nThe summit in Sylvania opened. Sylvania cheered.");
    expect(veto.exclusion).toEqual({ factor: 0, found: ["Sylvania"] });
    expect(veto.score).toBe(0);
    // E = 2 + 2 (two lead sentences), C = 3 (headline): factor = 3 / (1.5 * 4).
    const damped = run("Freedonia summit\n\nThe summit in Sylvania opened. Sylvania cheered.");
    expect(damped.exclusion.factor).toBe(0.5);
    const outweighed = run("Freedonia summit\n\nFreedonia hosted it. Sylvania attended.");
    expect(outweighed.exclusion.factor).toBe(1);
  });

  it("reports evidence with the cue, its sentence, where it was and its weight, strongest first", () => {
    const r = run("Summit in Freedonia\n\nThe summit opened.");
    expect(r.evidence[0]).toEqual({ cue: "summit", sentence: "Summit in Freedonia", where: "title", weight: 12 });
    expect(r.evidence[1]).toMatchObject({ where: "lead", weight: 4 });
  });

  it("handles empty and odd input without throwing", () => {
    expect(scoreStorylines("", defaultStorylines).every((r) => r.score === 0 && !r.matched)).toBe(true);
    expect(score("\u0000\u0000", "sco")).toBe(0);
  });
});

describe("passing mentions (minParagraphs)", () => {
  const focused = parseStoryline({
    id: "focused",
    title: "Focused",
    cues: [{ phrase: "summit", weight: 6 }],
    minParagraphs: 2,
  });
  const run = (text: string) => {
    const [r] = scoreStorylines(text, [focused]);
    if (r === undefined) throw new Error("no result");
    return r;
  };
  const filler = ["Rain fell on the city.", "Traffic was slow.", "Shops opened late."];

  it("halves the score and refuses `matched` for one body paragraph", () => {
    const r = run(["Weather report", "", ...filler, "", "A summit summit summit was mentioned."].join("\n"));
    expect(r.focus).toMatchObject({ prominent: false, spread: 1, passed: false, units: 4, short: false });
    expect(r.focus.reason).toBe("a passing mention: evidence in 1 of 4 paragraphs of the body, 2 needed");
    expect(r.matched).toBe(false);
    expect(r.score).toBeCloseTo(0.5 * (1 - Math.exp(-r.raw / 10)), 4);
  });

  it("accepts evidence spread over two paragraphs of a short body, three of a longer one", () => {
    const four = run(["Weather", "", ...filler.slice(0, 2), "The summit opened.", "The summit closed."].join("\n"));
    expect(four.focus).toMatchObject({ prominent: false, spread: 2, units: 4, passed: true });
    // A story about something else, one paragraph on the storyline and a closing reference to it: a mention.
    const six = ["Weather", "", ...filler, "The summit opened.", "Buses ran late.", "The summit closed."];
    expect(run(six.join("\n")).focus).toMatchObject({ spread: 2, units: 6, passed: false });
    const three = ["Weather", "", ...filler, "The summit opened.", "A summit aide spoke.", "The summit closed."];
    expect(run(three.join("\n")).focus).toMatchObject({ spread: 3, units: 6, passed: true });
  });

  it("accepts the headline or lead and one more sentence", () => {
    expect(run(["Summit day", "", "The summit opened.", "", ...filler].join("\n")).focus).toMatchObject({
      prominent: true,
      passed: true,
      reason: "evidence in the headline or lead and another sentence",
    });
  });

  it("calls one sentence of the headline or lead a mention in a longer story", () => {
    const lead = run(["Weather", "", "Rain fell as the summit opened.", "", ...filler].join("\n"));
    expect(lead.focus).toMatchObject({ prominent: true, spread: 1, passed: false, short: false });
    expect(lead.matched).toBe(false);
    expect(run(["Summit day", "", ...filler].join("\n")).focus.passed).toBe(false);
  });

  it("takes prominence in the headline or lead of a short item (statement, readout, headline) as focus", () => {
    const headline = run("Summit opens in Freedonia");
    expect(headline.focus).toMatchObject({ prominent: true, short: true, passed: true });
    expect(run("Summit opens in Freedonia\n\nLeaders arrived on Monday.").focus.passed).toBe(true);
    const readout = "Readout\n\nThe minister discussed the summit. Rain fell. Traffic was slow. Shops opened late.";
    expect(run(readout).focus).toMatchObject({ short: true, passed: true });
    // The same lines as one paragraph of a longer text (seven sentences) are not a short item.
    const longer = `${readout} Buses ran late. Trams ran late. Ferries ran late.`;
    expect(run(longer).focus).toMatchObject({ short: false, passed: false });
  });

  it("counts passages, not sentences, in bodies of fewer than three paragraphs", () => {
    // Two sentences in a row about the storyline in a one-block text are one passage: a mention.
    const one = "x\n\nRain fell. Traffic was slow. Shops opened late. The summit opened. Then the summit closed.";
    expect(run(one).focus).toMatchObject({ prominent: false, spread: 1, passed: false });
    const apart =
      "x\n\nRain fell. Traffic was slow. The summit opened. Shops opened late. The summit went on. Buses ran. " +
      "The summit closed.";
    expect(run(apart).focus).toMatchObject({ spread: 3, units: 7, passed: true });
  });

  it("passes a focus cue in the headline or lead: the story is set at the storyline's occasion", () => {
    const setting = parseStoryline({
      id: "setting",
      title: "Setting",
      contexts: { summit: ["summit"] },
      cues: [
        { phrase: "summit", weight: 6 },
        { phrase: "sidelines", weight: 4, near: [{ contexts: ["summit"], window: 0 }], focus: true },
      ],
      minParagraphs: 2,
    });
    const text = ["Leaders meet", "", "The two met on the sidelines of the summit.", "", ...filler].join("\n");
    const [r] = scoreStorylines(text, [setting]);
    expect(r?.focus).toMatchObject({ passed: true, reason: "a focus cue in the headline or lead" });
    const [plain] = scoreStorylines(text.replace("sidelines", "eve"), [setting]);
    expect(plain?.focus.passed).toBe(false);
  });

  it("takes a strong cue up top, or two different weak ones, for the subject; one generic word is no sign", () => {
    const talks = parseStoryline({
      id: "talks",
      title: "Talks",
      cues: [
        { phrase: "talks", weight: 2 },
        { phrase: "envoy", weight: 2 },
        { phrase: "ceasefire", weight: 4 },
      ],
      minParagraphs: 2,
    });
    const body = (first: string) =>
      [
        first,
        "",
        "Rain fell on the city.",
        "",
        "Traffic was slow.",
        "",
        "Officials said the talks had been long.",
        "",
        "Shops opened late.",
      ].join("\n");
    const focus = (text: string) => scoreStorylines(text, [talks])[0]?.focus;
    // A gas deal "after a decade of talks": one weak cue in the headline and one more mention below.
    expect(focus(body("Gas deal signed after a decade of talks"))).toMatchObject({ prominent: false, passed: false });
    expect(focus(body("Ceasefire deal signed after a decade of talks"))).toMatchObject({
      prominent: true,
      passed: true,
    });
    expect(focus(body("Envoy says talks will go on"))).toMatchObject({ prominent: true, passed: true });
    // A headline-only item is all headline: its one weak cue is its subject.
    expect(focus("Talks resume in the capital")).toMatchObject({ prominent: true, short: true, passed: true });
  });

  it("is off by default for storylines that do not ask for it", () => {
    expect(parseStoryline({ id: "x", title: "X", cues: [{ phrase: "a", weight: 1 }] }).minParagraphs).toBe(1);
  });
});

describe("cue `unless` rules", () => {
  const story = parseStoryline({
    id: "unless",
    title: "Unless",
    contexts: { other: ["Sylvania"] },
    cues: [
      { phrase: "accord", weight: 4, unless: [{ contexts: ["other"] }] },
      { phrase: "pact", weight: 4, unless: [{ contexts: ["other"], window: 1 }] },
    ],
  });
  const raw = (text: string) => scoreStorylines(text, [story])[0]?.raw;

  it("drops a cue where the rule holds (same sentence by default)", () => {
    expect(raw("x\n\nOne. Two. The accord was signed with Sylvania.")).toBe(0);
    expect(raw("x\n\nOne. Two. The accord was signed. Sylvania cheered.")).toBe(4);
    expect(raw("x\n\nOne. Two. The pact was signed. Sylvania cheered.")).toBe(0);
  });
});

describe("acronyms the document spells out as something else", () => {
  const story = parseStoryline({
    id: "fda",
    title: "Freedonia Defence Alliance",
    cues: [
      { phrase: "FDA", weight: 6, caseSensitive: true },
      { phrase: "Freedonia Defence Alliance", weight: 6 },
    ],
  });
  const run = (text: string) => {
    const [r] = scoreStorylines(text, [story]);
    if (r === undefined) throw new Error("no result");
    return r;
  };

  it("ignores the acronym when the text spells it out only as another name", () => {
    const r = run("Drug approved\n\nThe Food and Drug Administration (FDA) approved the pill. The FDA said so.");
    expect(r.raw).toBe(0);
    expect(r.ignoredAcronyms).toEqual(["FDA"]);
    expect(run("Pill\n\nThe Fresh Dairy Association said the FDA rules hurt farmers.").raw).toBe(0);
  });

  it("counts it when the text spells it out as the storyline's own name, or not at all", () => {
    expect(run("x\n\nOne. Two. The Freedonia Defence Alliance (FDA) met. The FDA agreed.").raw).toBe(6 + 6 + 3);
    expect(run("x\n\nOne. Two. The FDA met.").ignoredAcronyms).toEqual([]);
    expect(run("x\n\nOne. Two. The FDA met.").raw).toBe(6);
  });
});

describe("default storylines: passing mentions, local context and acronyms", () => {
  const matched = (text: string, id: string) => scoreStorylines(text).find((r) => r.id === id)?.matched;
  const body = (...paragraphs: string[]) => paragraphs.join("\n\n");

  it.each([
    [
      "ceasefire",
      "a strike report with one background sentence on diplomacy",
      body(
        "Drones hit Odesa port overnight",
        "Russian drones struck grain silos and a fuel depot in the Ukrainian port of Odesa overnight, injuring four people, the regional governor said on Tuesday.",
        "Air defence units shot down 31 of 40 drones launched from Crimea and Russia's Kursk region, Ukraine's air force said.",
        "Firefighters battled a blaze at the depot until morning, and port operations were suspended for several hours.",
        "Attempts to negotiate a ceasefire between Moscow and Kyiv have made no progress since the spring.",
        "Ukraine struck a Russian oil terminal on the Baltic coast with long-range drones, Russian officials said.",
      ),
    ],
    [
      "new-start",
      "a missile test report with one sentence on New START",
      body(
        "Russia test-fires Sarmat missile from Plesetsk",
        "Russia's military said on Friday it had test-launched a Sarmat intercontinental ballistic missile from the Plesetsk cosmodrome in the north of the country.",
        "The Defence Ministry said the dummy warheads hit their targets on the Kura range in Kamchatka.",
        "Western officials said the programme had suffered repeated delays and at least one failed launch.",
        "The launch came weeks before the New START treaty, which caps deployed strategic warheads, was due to lapse.",
        "Military analysts said the missile was unlikely to enter combat duty before next year.",
      ),
    ],
    [
      "sco",
      "an energy deal story with one sentence on the SCO",
      body(
        "Gazprom and CNPC sign gas supply memorandum",
        "Russia's Gazprom and China National Petroleum Corp signed a memorandum on additional gas supplies via the Far Eastern route, the companies said on Monday.",
        "Gazprom chief Alexei Miller said deliveries could begin in 2027 and reach 12 billion cubic metres a year.",
        "Prices were not disclosed. Analysts said China had secured a steep discount to European prices.",
        "The deal was announced as leaders gathered for a Shanghai Cooperation Organisation meeting in Bishkek.",
        "Gazprom shares rose 3% in Moscow.",
      ),
    ],
    [
      "sco",
      "a NATO exercise with one sentence on Russia-China drills",
      body(
        "NATO starts Arctic exercise off Norway",
        "More than 20,000 troops from 13 NATO countries began the Nordic Response exercise in northern Norway on Monday, the alliance said.",
        "Warships, submarines and aircraft will practise reinforcing the alliance's northern flank in sub-zero temperatures.",
        "Norwegian commanders said the drills were defensive and planned long in advance.",
        "Officials also pointed to joint drills by Russia and China in the Pacific as a reason for vigilance.",
        "The exercise runs until March 14.",
      ),
    ],
    [
      "ceasefire",
      "a trilateral meeting of other parties next to a Ukraine sentence",
      body(
        "US, Japan, Philippines hold maritime talks",
        "Foreign ministers of the United States, Japan and the Philippines held a trilateral meeting in Manila on Thursday on security in the South China Sea.",
        "They also condemned Russia's war against Ukraine and North Korea's arms deliveries to Moscow.",
        "The ministers agreed to hold more joint coast guard drills.",
      ),
    ],
    [
      "sco",
      "SCO as an orchestra touring China",
      body(
        "SCO to play in Beijing",
        "The Singapore Chinese Orchestra will perform in Beijing and Shanghai next month, its first tour of China since 2019.",
        "The SCO said the programme, presented at a cultural summit of member states of ASEAN, includes new works for erhu and pipa.",
        "Tickets go on sale on Friday.",
      ),
    ],
    [
      "new-start",
      "START as a defence training programme",
      body(
        "Pentagon expands START programme",
        "The Pentagon's Strategic Technology and Research Training (START) programme will fund 40 more engineers working on nuclear command systems and missile defence.",
        "START fellows will spend two years at national laboratories working on nuclear weapons safety, officials said.",
        "Applications close in May.",
      ),
    ],
    [
      "ceasefire",
      "a strike report whose lead alone mentions the failed talks",
      body(
        "Russian drones and missiles pound Kyiv, killing six",
        "Russia launched hundreds of drones and missiles at Kyiv overnight, killing six people, hours after U.S. envoy Steve Witkoff left Moscow without a ceasefire deal, Ukrainian officials said on Thursday.",
        "Debris fell on a children's hospital and a nine-storey apartment block in the Solomianskyi district, Mayor Vitali Klitschko said.",
        "Ukraine's air force said it had shot down 410 of the 440 drones and 30 of the 38 missiles.",
        "Power was cut to parts of the capital's left bank, and the metro was used as a shelter until morning.",
      ),
    ],
    [
      "sco",
      "PLA spelled out as another army beside Russian advisers",
      body(
        "Palestinian brigade leaves Syrian front",
        "A brigade of the Palestine Liberation Army (PLA) has withdrawn from positions near Daraa, where it fought beside Russian advisers, Syrian officials said.",
        "PLA officers said their units would join the new national army. Russian forces left the area in December.",
      ),
    ],
  ])("%s does not match %s", (id, _name, text) => {
    expect(matched(text, id)).toBe(false);
  });

  it.each([
    [
      "ceasefire",
      "a three-paragraph brief",
      body(
        "Kyiv ready for new round of talks",
        "Ukraine is ready to send a delegation to a new round of peace talks with Russia in Istanbul, Foreign Minister Andrii Sybiha said on Sunday.",
        "The last round ended with a prisoner exchange but no ceasefire.",
        "The Kremlin said it had not yet received a proposal on dates.",
      ),
    ],
    [
      "ceasefire",
      "a feature whose lead sets a scene and whose body returns to the talks",
      body(
        "Waiting in Zaporizhzhia",
        "The market in central Zaporizhzhia opens at dawn. Traders stack apples and count the hours of electricity left.",
        "Many say they follow every rumour from the negotiations. A ceasefire along the current front line would leave their villages across the river under Russian control.",
        "Ukraine's negotiators have told U.S. envoys that Kyiv will not accept a truce that freezes the front line without security guarantees.",
        "For now, the shelling continues.",
      ),
    ],
    [
      "ceasefire",
      "US-Russia-Ukraine trilateral talks",
      body(
        "Trilateral talks resume",
        "Delegations from the United States, Russia and Ukraine opened a second day of trilateral talks in Abu Dhabi on Thursday, Ukrainian officials said.",
        "The talks focus on a ceasefire and on monitoring an energy truce.",
      ),
    ],
    [
      "sco",
      "an SCO article that spells the name out once and then uses the acronym",
      body(
        "Defence chiefs gather in Bishkek",
        "Defence ministers of the Shanghai Cooperation Organisation (SCO) met in Bishkek on Wednesday.",
        "China's Dong Jun and Russia's Andrei Belousov held talks on the sidelines and agreed to expand joint exercises.",
        "The SCO ministers also discussed counter-terrorism drills planned for next year.",
      ),
    ],
  ])("%s matches %s", (id, _name, text) => {
    expect(matched(text, id)).toBe(true);
  });
});

describe("default storylines: kinds learned from the retired frozen sets", () => {
  const matched = (text: string, id: string) => scoreStorylines(text, defaultStorylines).find((r) => r.id === id);

  it("takes a one-paragraph readout whose lead is about settling the war for a ceasefire item", () => {
    const readout = `Telephone conversation with the President of France

The conversation was devoted to the settlement of the Ukraine crisis. The two presidents discussed how Russia and Ukraine could stop attacking each other's ports for a month, and agreed that their advisers would stay in contact.

12 May 2025`;
    expect(matched(readout, "ceasefire")?.matched).toBe(true);
  });

  it("does not take a story about another arms treaty that names New START once for a New START item", () => {
    const ctbt = `Russia revokes ratification of the nuclear test ban treaty

Russia's parliament voted to withdraw the country's ratification of the Comprehensive Nuclear-Test-Ban Treaty, saying it would put Moscow on the same footing as Washington, which never ratified the pact.

Officials in Moscow said Russia would not resume nuclear testing unless the United States did so first, and that it would stay in the treaty's monitoring network.

The CTBT has never entered into force. Experts warned that a test by any nuclear power could start a chain reaction.

The vote follows Russia's suspension of New START earlier in the year, another blow to arms control between the two powers.

The CTBT Organization in Vienna called the decision regrettable.`;
    expect(matched(ctbt, "new-start")?.matched).toBe(false);
  });

  it("takes a headline item on the treaty's consultative commission for a New START item", () => {
    expect(matched("Russia calls off New START consultative commission session in Cairo", "new-start")?.matched).toBe(
      true,
    );
  });

  it("does not take a gas deal reached 'after a decade of talks' for a ceasefire item", () => {
    const gas = `Gazprom and a Chinese buyer sign gas deal after a decade of talks

Russia signed a long-delayed gas supply deal with a Chinese state company on Wednesday, a success for Moscow as it faces sanctions over Ukraine.

The agreement was signed in Beijing after talks that ran late into the night, officials said.

Neither side disclosed the price. Analysts said it was below what Russia charged European buyers.

Deliveries are to start in five years through a new pipeline.`;
    expect(matched(gas, "ceasefire")?.matched).toBe(false);
  });
});
