/**
 * Test helpers (not exported from the package): a small history of stories about one event (a first report, a
 * re-post, an update with new facts), one about another event and one about something else, as stored stories.
 */
import { fingerprint, type Story } from "@storywire/core";
import { hexId, makeStory } from "@storywire/store/test-support/records";

const DRILLS = [
  "Russia and China will hold joint maritime exercises in the Sea of Japan next month, the Chinese defence ministry said on Tuesday.",
  "The drills will involve destroyers, submarines and anti-submarine aircraft from both navies, the ministry said in a statement published in Beijing.",
  "Officials in Moscow described the exercises as routine and not directed against any third country.",
];

interface HistoryItem {
  id: string;
  day: number;
  title: string;
  paragraphs: string[];
}

export const HISTORY: HistoryItem[] = [
  { id: hexId(1), day: 1, title: "Russia and China to hold joint maritime exercises", paragraphs: DRILLS },
  {
    id: hexId(2),
    day: 2,
    title: "Floods close roads across Valencia",
    paragraphs: [
      "Rivers burst their banks across Valencia on Wednesday.",
      "Schools were closed and trains stopped running.",
    ],
  },
  { id: hexId(3), day: 2, title: "China and Russia plan joint maritime exercises", paragraphs: DRILLS },
  {
    id: hexId(4),
    day: 3,
    title: "Russia and China to hold joint maritime exercises",
    paragraphs: [
      ...DRILLS,
      "On Thursday the Russian Pacific Fleet said 12 warships and 3,000 sailors would take part and that the drills would last five days from 14 August.",
    ],
  },
  {
    id: hexId(5),
    // Days after the drills were announced: Japan's protest is an event of its own, not a follow-up (dedup/event.ts).
    day: 8,
    title: "Japan protests joint maritime exercises near Hokkaido",
    paragraphs: [
      "Japan lodged a protest with Moscow and Beijing on Friday over joint maritime exercises planned close to Hokkaido, Chief Cabinet Secretary Yoshimasa Hayashi told reporters in Tokyo.",
      "Hayashi said Tokyo was watching the movements of both navies with grave concern and had raised the matter through diplomatic channels.",
    ],
  },
];

export const DAY_MS = 24 * 3_600_000;
export const HISTORY_START = Date.parse("2025-08-01T09:00:00.000Z");

/** The history's stories, dated day 1..4 after HISTORY_START, as stored before a storyline existed. */
export function historyStories(): Story[] {
  return HISTORY.map((item) => {
    const at = new Date(HISTORY_START + (item.day - 1) * DAY_MS + Number.parseInt(item.id, 16) * 60_000).toISOString();
    const text = item.paragraphs.join("\n\n");
    return makeStory({
      id: item.id,
      key: `test:${item.id}`,
      title: item.title,
      text,
      fingerprint: fingerprint(`${item.title}\n\n${text}`),
      url: `http://127.0.0.1/stories/${item.id}`,
      publishedAt: at,
      fetchedAt: at,
      storylines: [],
      eventId: null,
      relation: null,
      novel: [],
    });
  });
}
