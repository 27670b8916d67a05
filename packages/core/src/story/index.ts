export { STORY_ID_LENGTH, storyId } from "../ids.ts";
export {
  type BuildStoryContext,
  buildStory,
  DERIVED_TITLE_MAX_CHARS,
  domainOf,
  plainLine,
  titleFromText,
} from "./build-story.ts";
export { exportFileName, storyParagraphs, storySeedText } from "./export.ts";
export { storyProblems } from "./invariants.ts";
export { itemParagraphs, needsFullText, SUMMARY_MAX_CHARS } from "./needs-full-text.ts";
