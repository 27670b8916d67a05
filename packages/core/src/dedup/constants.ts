/** Thresholds of duplicate/update detection. Each is explained where it is used (compare.ts). */

/** Words per shingle. */
export const SHINGLE_SIZE = 3;

/** A sentence of b is covered by a when this share of its words (or shingles) is found in a. */
export const COVERED = 0.6;

/** A sentence of b is novel with a strong new fact or this much weak evidence (a new full name is 1.5). */
export const NOVEL_WEAK = 1.5;

/** A weekday a never mentions is a strong fact when the sentence also has this many words a never uses. */
export const NEW_DAY_WORDS = 2;

/** Two texts tell the same story when this share of the shorter one's shingles, or of b's sentences, is in the other. */
export const SAME_STORY_OVERLAP = 0.35;
export const SAME_STORY_SENTENCES = 0.5;

/** A heavy paraphrase (a translation, a wire rewrite): this much shingle overlap on the same topic (cosine). */
export const PARAPHRASE_OVERLAP = 0.2;
export const PARAPHRASE_TOPIC = 0.55;

/** A heavy rewrite is an update only with this many novel sentences (one is paraphrase noise). */
export const REWRITE_NOVEL = 2;

/** Without textual overlap, the same event: named entities and numbers overlap this much and topics this much. */
export const SAME_EVENT_ENTITIES = 0.6;
export const SAME_EVENT_TOPIC = 0.6;

/**
 * classifyAgainst keeps this many prepared candidates (least recently used go first): more than the candidates
 * of one placement (the pipeline's PLACEMENT_CANDIDATES, 200), so the stories of a busy storyline stay prepared.
 */
export const PREPARED_CACHE = 400;

/** An item with at most this many body sentences has its headline judged for new facts too. */
export const SHORT_BODY_SENTENCES = 2;

/** Most novel sentences returned. */
export const MAX_NOVEL = 20;

/** Sentences of the body read with the headline for an announced or reported meeting (event.ts). */
export const EVENT_LEAD_SENTENCES = 2;

/** An outcome report shares at least this many names with the announcement it follows (event.ts). */
export const EVENT_SHARED_NAMES = 2;

/** Days a meeting or drill may last: its opening and closing dates are this far apart at most (event.ts). */
export const EVENT_DAYS = 2;

/** A follow-up restates this share of the other text's headline words in its headline and lead (event.ts). */
export const EVENT_HEADLINE_COVER = 0.5;
/** ... or this share when both texts are dated within FOLLOW_UP_DAYS of each other (event.ts). */
export const EVENT_HEADLINE_COVER_DATED = 0.3;

/**
 * Two texts dated this many days apart at most, whose headlines agree (EVENT_HEADLINE_COVER) and have
 * MIN_HEADLINE_WORDS words that name the event (no country, no storyline name, no "President" or "says"), tell
 * one event (event.ts).
 */
export const SAME_DAYS = 1;
export const MIN_HEADLINE_WORDS = 3;

/** A follow-up of an event (the toll revised, the other side's answer) is written within this many days (event.ts). */
export const FOLLOW_UP_DAYS = 3;

/** The outcome of an announced meeting is reported within this many days of the announcement (event.ts). */
export const OUTCOME_DAYS = 45;

/** A rewrite by another outlet: this share of its word stems is in the other text (stem.ts), ... */
export const SAME_STORY_STEMS = 0.7;
/** ... or, when it brings no new fact at all, this share; ... */
export const NO_NEWS_STEMS = 0.55;
/** ... on the same topic (cosine of content words; a short brief's words are all in a long feature on the storyline), ... */
export const STEMS_TOPIC = 0.45;
/** ... it has at least this many distinct stems (a headline-only item is judged by the other rules), ... */
export const MIN_STORY_STEMS = 20;
/** ... and, when both are dated, it was written within this many days of the other. */
export const REWRITE_DAYS = 3;

/** A follow-up that brings no new fact is a duplicate only when this share of its stems is in the other text. */
export const FOLLOW_UP_DUPLICATE_STEMS = 0.5;

/** A follow-up shares at least this many event anchors (names, figures, dates) with the first text (event.ts). */
export const EVENT_SHARED_ANCHORS = 2;
