/**
 * Rescoring: scores the stored stories of a time window (stories published in it, and the undated backlog fetched
 * in it: store listStoriesOldestFirst) against one storyline, so that a storyline made today
 * has its history at once. A call handles one bounded page, oldest story first, and answers with a cursor to
 * resume from; the client repeats the call with that cursor until it gets none back.
 *
 * A story that enters the storyline gets its score and its place in the storyline's events (first, update or
 * duplicate, compared with the storyline's stories of the 14 days before it), exactly as a live story would,
 * but no alert is raised and nothing is delivered: history is not news. A page holds the storyline's lock (as
 * ingest does while placing), so live stories of the storyline wait for the page, at most the time budget. Stories already in the storyline are
 * left as they are, so running a window twice, or after a crash, changes nothing more.
 */
import { performance } from "node:perf_hooks";
import { type Relation, type Story, type Storyline, scoreStorylines } from "@storywire/core";
import { InvalidCursor, storySortAt } from "@storywire/store";
import {
  type HeldLock,
  PLACEMENT_CANDIDATES,
  PLACEMENT_WINDOW_MS,
  type PlacementDeps,
  placeInStoryline,
  type StorylinePlacement,
  withRecentlyPlaced,
  withStorylineLocks,
} from "./placement.ts";
import { storedScore, storyDoc } from "./score.ts";

/** Stories read per call unless the caller asks for fewer or more (at most RESCORE_MAX_LIMIT). */
export const RESCORE_DEFAULT_LIMIT = 100;
export const RESCORE_MAX_LIMIT = 500;
/** A call stops after this long and answers with a cursor (the API's Lambda times out at 30 s). */
export const RESCORE_BUDGET_MS = 20_000;

export interface RescoreRequest {
  /** Start of the window (ISO 8601); required unless `cursor` is given. */
  since?: string;
  /** End of the window (exclusive); default: now, fixed by the first call. */
  until?: string;
  /** The `nextCursor` of the previous call. */
  cursor?: string;
  limit?: number;
  /** Override the time budget (tests). */
  budgetMs?: number;
}

export interface RescoreResult {
  storyline: string;
  since: string;
  until: string;
  /** Stories read in this call. */
  scanned: number;
  /** Stories that entered the storyline in this call. */
  entered: number;
  /** Stories that were in the storyline already. */
  alreadyIn: number;
  /** How the entering stories were placed in the storyline's events. */
  placed: Record<Relation, number>;
  /** Pass it back to continue; null when the window is done. */
  nextCursor: string | null;
}

/** A request the caller must fix (bad window or cursor); the message names the parameter. */
export class RescoreRequestError extends Error {
  override name = "RescoreRequestError";
  constructor(
    readonly field: "since" | "until" | "cursor",
    message: string,
  ) {
    super(message);
  }
}

interface CursorState {
  storyline: string;
  since: string;
  until: string;
  after: string | null;
}

function encode(state: CursorState): string {
  return Buffer.from(JSON.stringify({ v: 1, ...state }), "utf8").toString("base64url");
}

function decode(cursor: string, storylineId: string): CursorState {
  let value: Partial<CursorState> & { v?: unknown };
  try {
    value = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    value = {};
  }
  if (
    value?.v !== 1 ||
    typeof value.storyline !== "string" ||
    typeof value.since !== "string" ||
    typeof value.until !== "string" ||
    (value.after !== null && typeof value.after !== "string")
  ) {
    throw new RescoreRequestError("cursor", "is not a cursor this API gave out; pass nextCursor exactly as it came.");
  }
  if (value.storyline !== storylineId) {
    throw new RescoreRequestError(
      "cursor",
      `belongs to the rescore of "${value.storyline}", not "${storylineId}"; use it with that storyline.`,
    );
  }
  return { storyline: value.storyline, since: value.since, until: value.until, after: value.after ?? null };
}

function iso(value: string, field: "since" | "until"): string {
  const ms = Date.parse(value);
  if (!Number.isFinite(ms))
    throw new RescoreRequestError(field, "must be an ISO 8601 date-time such as 2025-03-01T00:00:00Z.");
  return new Date(ms).toISOString();
}

/** The window and position of a request: from the cursor, or from since/until on the first call. */
function windowOf(request: RescoreRequest, storylineId: string, now: Date): CursorState {
  if (request.cursor !== undefined) {
    const state = decode(request.cursor, storylineId);
    for (const field of ["since", "until"] as const) {
      const given = request[field];
      if (given !== undefined && iso(given, field) !== state[field]) {
        throw new RescoreRequestError(field, `differs from the window of the cursor (${state[field]}); leave it out.`);
      }
    }
    return state;
  }
  if (request.since === undefined) {
    throw new RescoreRequestError(
      "since",
      "is required: the start of the window to rescore, e.g. since=2025-03-01T00:00:00Z.",
    );
  }
  const since = iso(request.since, "since");
  const until = request.until === undefined ? now.toISOString() : iso(request.until, "until");
  if (until <= since) throw new RescoreRequestError("until", `must be later than since (${since}).`);
  return { storyline: storylineId, since, until, after: null };
}

/**
 * Places a story of the past among the storyline's stories before it: those the index finds, and those placed
 * just before by this page or the lock's previous holder (the index may lag behind them).
 */
async function placeHistorical(
  story: Story,
  storylineId: string,
  lockState: HeldLock,
  deps: PlacementDeps,
): Promise<StorylinePlacement> {
  const at = storySortAt(story.publishedAt, story.fetchedAt);
  const from = new Date(Date.parse(at) - PLACEMENT_WINDOW_MS).toISOString();
  const found = await deps.store.storylineStoriesBetween(storylineId, from, at, PLACEMENT_CANDIDATES);
  const already = found.find((c) => c.storyId === story.id);
  if (already) return { eventId: already.eventId, relation: already.relation, novel: [] };
  const recent = [...lockState.recent, ...lockState.placed];
  const candidates = (await withRecentlyPlaced(found, recent, deps)).filter((c) => c.at <= at);
  return placeInStoryline(story, storylineId, candidates, lockState, deps, deps.clock.now());
}

/** Rescores one page of the window; see the module comment. */
export async function rescoreStoryline(
  storyline: Storyline,
  request: RescoreRequest,
  deps: PlacementDeps,
): Promise<RescoreResult> {
  const state = windowOf(request, storyline.id, deps.clock.now());
  const limit = Math.min(RESCORE_MAX_LIMIT, Math.max(1, Math.floor(request.limit ?? RESCORE_DEFAULT_LIMIT)));
  const budget = request.budgetMs ?? RESCORE_BUDGET_MS;
  const started = performance.now();
  let page: Awaited<ReturnType<PlacementDeps["store"]["listStoriesOldestFirst"]>>;
  try {
    page = await deps.store.listStoriesOldestFirst({
      since: state.since,
      until: state.until,
      limit,
      cursor: state.after,
    });
  } catch (error) {
    if (error instanceof InvalidCursor)
      throw new RescoreRequestError("cursor", "does not point into this window; start again without it.");
    throw error;
  }
  const result: RescoreResult = {
    storyline: storyline.id,
    since: state.since,
    until: state.until,
    scanned: 0,
    entered: 0,
    alreadyIn: 0,
    placed: { first: 0, update: 0, duplicate: 0 },
    nextCursor: page.cursor === null ? null : encode({ ...state, after: page.cursor }),
  };
  // One lock for the page (its lease outlasts the time budget), so live ingests wait at most one page.
  await withStorylineLocks([storyline.id], deps, async (held) => {
    const lockState: HeldLock = held.get(storyline.id) ?? { recent: [], placed: [] };
    for (const story of page.items) {
      if (result.scanned > 0 && performance.now() - started > budget) {
        const last = page.items[result.scanned - 1] as Story;
        result.nextCursor = encode({ ...state, after: deps.store.cursorAfterStory(last) });
        break;
      }
      result.scanned += 1;
      const existing = story.storylines?.find((s) => s.id === storyline.id);
      if (existing?.matched) {
        result.alreadyIn += 1;
        continue;
      }
      const score = scoreStorylines(storyDoc(story), [storyline])[0];
      if (!score?.matched) continue;
      const placement = await placeHistorical(story, storyline.id, lockState, deps);
      const primary = story.eventId === null || story.eventId === undefined;
      await deps.store.updateStoryPlacement(story.id, {
        eventId: primary ? placement.eventId : (story.eventId ?? null),
        relation: primary ? placement.relation : (story.relation ?? null),
        novel: primary ? placement.novel : (story.novel ?? []),
        storylines: [...(story.storylines ?? []).filter((s) => s.id !== storyline.id), storedScore(score)],
      });
      result.entered += 1;
      result.placed[placement.relation] += 1;
    }
  });
  deps.logger.info("storyline rescored", {
    storyline: storyline.id,
    scanned: result.scanned,
    entered: result.entered,
    done: result.nextCursor === null,
  });
  return result;
}
