/**
 * Sample stories for `storywire demo`, written for Storywire and clearly marked as samples: they are not real
 * reporting. They are published one after another so that the demo shows a first report, a re-post that is
 * suppressed, an update that alerts with its new sentences, and stories of the other storylines.
 */
import type { FeedItem } from "../loopback/feed-server.ts";

export interface SampleStory {
  /** Seconds after the demo starts at which the story appears in the sample feed. */
  at: number;
  slug: string;
  title: string;
  paragraphs: string[];
  note: string;
}

const SAMPLE = "[Sample story written for the Storywire demo; not real reporting.]";

export const SAMPLE_STORIES: SampleStory[] = [
  {
    at: 0,
    slug: "sco-defence-ministers",
    note: "first report of an event: alerts",
    title: "SCO defence ministers meet as Russia and China plan joint maritime exercises",
    paragraphs: [
      "Defence ministers of the Shanghai Cooperation Organization met in Qingdao on Tuesday, where Russian Defence Minister Andrei Belousov and Chinese Defence Minister Dong Jun discussed military cooperation between their armed forces.",
      "The two ministers agreed to hold joint maritime exercises in the Sea of Japan later this year and to continue joint strategic air patrols over the Pacific, according to a statement from the Chinese defence ministry.",
      "Belousov said the cooperation between the People’s Liberation Army and the Russian armed forces was “not directed against third countries”.",
      SAMPLE,
    ],
  },
  {
    at: 8,
    slug: "abu-dhabi-talks",
    note: "first report of another storyline: alerts",
    title: "Ukraine and Russia delegations resume ceasefire talks in Abu Dhabi",
    paragraphs: [
      "Delegations from Ukraine and Russia resumed talks on a ceasefire in Abu Dhabi on Monday, with United States mediators shuttling between the two sides, officials said.",
      "Ukrainian negotiator Rustem Umerov said Kyiv was ready for an energy truce if Moscow stopped strikes on power plants, while the Kremlin said a ceasefire depended on territorial questions.",
      SAMPLE,
    ],
  },
  {
    at: 16,
    slug: "sco-defence-ministers-repost",
    note: "a re-post of the first story: joins its event silently, no alert",
    title: "Russia, China plan joint maritime exercises as SCO defence ministers meet",
    paragraphs: [
      "Defence ministers of the Shanghai Cooperation Organization met in Qingdao on Tuesday, where Russian Defence Minister Andrei Belousov and Chinese Defence Minister Dong Jun discussed military cooperation between their armed forces.",
      "The two ministers agreed to hold joint maritime exercises in the Sea of Japan later this year and to continue joint strategic air patrols over the Pacific, according to a statement from the Chinese defence ministry.",
      "Belousov said the cooperation between the People’s Liberation Army and the Russian armed forces was “not directed against third countries”.",
      SAMPLE,
    ],
  },
  {
    at: 26,
    slug: "sco-defence-ministers-update",
    note: "the same event with new facts: alerts as an update with the new sentences",
    title: "SCO defence ministers meet as Russia and China plan joint maritime exercises",
    paragraphs: [
      "Defence ministers of the Shanghai Cooperation Organization met in Qingdao on Tuesday, where Russian Defence Minister Andrei Belousov and Chinese Defence Minister Dong Jun discussed military cooperation between their armed forces.",
      "The two ministers agreed to hold joint maritime exercises in the Sea of Japan later this year and to continue joint strategic air patrols over the Pacific, according to a statement from the Chinese defence ministry.",
      "Belousov said the cooperation between the People’s Liberation Army and the Russian armed forces was “not directed against third countries”.",
      "On Wednesday the ministries announced that 12 warships and 4,000 troops will take part in the exercise, named Joint Sea 2026, starting on 14 August near Vladivostok.",
      SAMPLE,
    ],
  },
  {
    at: 36,
    slug: "new-start-extension",
    note: "a third storyline: alerts",
    title: "Moscow repeats offer to observe New START limits for a year after expiry",
    paragraphs: [
      "Russia will keep observing the central limits of the New START treaty for one year after it expires on 5 February 2026 if the United States does the same, the Kremlin said on Thursday.",
      "The treaty caps each side at 1,550 deployed strategic warheads; inspections under it have been suspended since 2020, and arms control experts said the offer left verification unresolved.",
      SAMPLE,
    ],
  },
];

/**
 * The sample feed's items at this moment: the stories published so far (each `at` seconds after `start`, sped up
 * by `speed`), newest first, linking to the loopback server that serves them.
 */
export function publishedSamples(
  stories: readonly SampleStory[],
  options: { start: number; now?: () => number; speed?: number },
): (base: string) => FeedItem[] {
  const now = options.now ?? Date.now;
  const speed = options.speed ?? 1;
  return (base) =>
    stories
      .filter((s) => (now() - options.start) * speed >= s.at * 1000)
      .map((s) => ({
        guid: `storywire-demo-${s.slug}`,
        title: s.title,
        paragraphs: s.paragraphs,
        link: `${base}/articles/${s.slug}`,
        pubDate: new Date(options.start + s.at * 1000).toUTCString(),
      }))
      .reverse();
}
