/**
 * A part of a page that loads on its own: a failing query shows up as a note in its section instead of taking
 * the whole page down.
 */

export type Section<T> = { ok: true; value: T } | { ok: false; error: string };

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** An error whose message is meant for the page as it is (it already says what to do). */
export class PageNote extends Error {
  override name = "PageNote";
}

export async function section<T>(what: string, load: () => Promise<T>): Promise<Section<T>> {
  try {
    return { ok: true, value: await load() };
  } catch (error) {
    if (error instanceof PageNote) return { ok: false, error: error.message };
    const message = errorMessage(error);
    console.error(JSON.stringify({ level: "error", message: `dashboard: loading ${what} failed`, error: message }));
    return {
      ok: false,
      error: `Could not load ${what} (${message}). Reload the page; if this stays, check the API logs.`,
    };
  }
}
