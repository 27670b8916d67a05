/** Storylines as users write them: JSON or a query, one at a time (API) or a file of them (git, deploys). */
export { isQueryForm, QUERY_FORM_FIELDS, readStorylineDefinition, type StorylineDefinition } from "./definition.ts";
export { type FieldError, formatFieldError, splitFieldError } from "./field-errors.ts";
export {
  type FileStoryline,
  loadStorylinesFile,
  MAX_FILE_STORYLINES,
  parseStorylinesFile,
  type StorylinesFile,
  StorylinesFileError,
} from "./file.ts";
export { applyMergePatch } from "./merge-patch.ts";
