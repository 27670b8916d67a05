/** Size limits of an alert's text, so that no feed can make an alert arbitrarily large. */
export const MAX_TITLE_CHARS = 500;
export const MAX_SOURCE_CHARS = 200;
export const MAX_STORYLINE_TITLE_CHARS = 200;
export const MAX_SUMMARY_CHARS = 300;
export const MAX_LABEL_CHARS = 100;
export const MAX_NOVEL_SENTENCES = 10;
export const MAX_SENTENCE_CHARS = 1000;

/** The ellipsis that marks clipped text. */
export const ELLIPSIS = "…";
