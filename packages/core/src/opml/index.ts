/** OPML subscription lists: read a reader's export (parseOpml), write ours (renderOpml). */
export {
  MAX_OPML_DEPTH,
  MAX_OPML_ENTRIES,
  type OpmlEntry,
  OpmlError,
  type OpmlProblem,
  type ParsedOpml,
  parseOpml,
} from "./parse.ts";
export { type OpmlFeed, renderOpml } from "./render.ts";
