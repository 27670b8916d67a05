/** Errors of the scoring module: sentences a user can act on, naming the storyline and every bad field. */
export class StorylineError extends Error {
  readonly errors: string[];
  constructor(errors: string[], id?: string) {
    super(
      `Storyline ${id === undefined ? "" : `"${id}" `}is invalid: ${errors.join("; ")}. Fix these fields and try again.`,
    );
    this.name = "StorylineError";
    this.errors = errors;
  }
}

/** A framing lexicon that does not validate: every bad field, named. */
export class FramingLexiconError extends Error {
  readonly errors: string[];
  constructor(errors: string[]) {
    super(`The framing lexicon is invalid: ${errors.join("; ")}. Fix these fields and try again.`);
    this.name = "FramingLexiconError";
    this.errors = errors;
  }
}
