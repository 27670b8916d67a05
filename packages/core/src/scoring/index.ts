/** Storyline scoring and framing: pure functions over a document's text. */
export { Analysis, analyze, compilePhrase, type Occurrence, type Phrase } from "./analysis.ts";
export { defaultStorylineInputs, defaultStorylines } from "./defaults/index.ts";
export { FramingLexiconError, StorylineError } from "./errors.ts";
export { FRAMING_LABELS, frameArticle, LABEL_RULES } from "./framing.ts";
export {
  type FramingLexicon,
  framingLexicon,
  framingLexiconSchema,
  parseFramingLexicon,
  validateFramingLexicon,
} from "./framing-lexicon.ts";
export { type DocumentScore, scoreDocument } from "./score-document.ts";
export {
  type NearRule,
  type PhraseEntry,
  parseStoryline,
  RESERVED_STORYLINE_IDS,
  type Storyline,
  type StorylineCue,
  type StorylineInput,
  type StorylineValidation,
  storylineSchema,
  validateStoryline,
} from "./storyline-schema.ts";
export { type StorylineResult, scoreStorylines } from "./storyline-score.ts";
export {
  type Doc,
  type DocInput,
  docSentences,
  parseDocText,
  type Sentence,
  splitSentences,
  toDoc,
  type Where,
} from "./text.ts";
export { findUnsafeCharacter, type UnsafeCharacter, unsafeCharacterMessage } from "./unsafe-characters.ts";
