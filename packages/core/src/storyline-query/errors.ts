/** A query that cannot be read or compiled: the message names the place (1-based character) and what to do. */
export class QueryError extends Error {
  override name = "QueryError";
  /** 0-based index of the character the problem starts at. */
  readonly position: number;
  /** The message without the "at character N" prefix. */
  readonly reason: string;

  constructor(reason: string, position: number) {
    super(`at character ${position + 1}: ${reason}`);
    this.position = position;
    this.reason = reason;
  }
}

/** The query with a caret under the character an error points at (for terminals). */
export function pointAt(query: string, position: number): string {
  const line = query.replace(/[\r\n\t]/g, " ");
  return `${line}\n${" ".repeat(Math.max(0, Math.min(position, line.length)))}^`;
}
