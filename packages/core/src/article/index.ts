export {
  cleanParagraphs,
  dropFurniture,
  fixArtefacts,
  isFurniture,
  splitGluedAttribution,
} from "./clean-paragraphs.ts";
export { MAX_ELEMENTS_TO_PARSE, MAX_HTML_CHARS, MAX_NESTING_DEPTH, MIN_ARTICLE_CHARS } from "./constants.ts";
export {
  detectLanguage,
  LANGUAGE_SAMPLE_CHARS,
  MIN_LETTERS_FOR_DETECTION,
  normalizeLanguageTag,
} from "./detect-language.ts";
export {
  type ExtractedArticle,
  extractArticle,
  type PageDocument,
  parsePage,
} from "./extract-article.ts";
export { htmlToLine, htmlToParagraphs, isWidget, looksLikeHtml, nodeToParagraphs } from "./html-to-paragraphs.ts";
export { collapseWhitespace, textToParagraphs } from "./plain-text.ts";
export { normalizeText, parseSeedText, type SeedText, toSeedText } from "./seed-text.ts";
