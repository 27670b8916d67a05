export { type BuildStoryContext, buildStory, domainOf, plainLine } from "./build-story.ts";
export { exportFileName, storyParagraphs, storySeedText } from "./export.ts";
export { itemParagraphs, needsFullText, SUMMARY_MAX_CHARS } from "./needs-full-text.ts";
export { STORY_ID_LENGTH, storyId } from "./story-id.ts";
