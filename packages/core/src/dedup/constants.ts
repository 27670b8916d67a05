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

/** classifyAgainst skips a candidate whose fingerprint differs by more than this many of 64 bits (when both have one). */
export const FINGERPRINT_SKIP_BITS = 30;

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

/** A follow-up shares at least this many event anchors (names, figures, dates) with the first text (event.ts). */
export const EVENT_SHARED_ANCHORS = 2;
