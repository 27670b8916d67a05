/**
 * Where the pipeline and the API get storylines: the built-in ones, a storylines file (`--storylines`, or the
 * file bundled into the Lambda functions) and the records saved through the API, layered in that order:
 *
 * - a record with a definition replaces a built-in storyline of its id ("edited") or adds one ("user");
 * - a record without one hides a built-in storyline (deleted through the API; restore brings it back);
 * - a file's storyline replaces anything of its id and cannot be changed through the API (edit the file).
 *
 * Every runtime keeps one catalog. `list()` checks the store's storylines version with one point read and
 * reloads the records only when it moved (or after MAX_AGE_MS), so a change made through the API reaches every
 * Lambda container and the local runtime on their next ingest, without a restart.
 */
import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import { isAbsolute, join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import {
  defaultStorylines,
  type FileStoryline,
  loadStorylinesFile,
  readStorylineDefinition,
  type Storyline,
} from "@storywire/core";
import { Conflict, type Store, type StorylineRecord } from "@storywire/store";
import { type Clock, type Logger, silentLogger, systemClock } from "./ports.ts";

/** Where the pipeline gets the storylines to score against: the defaults plus any the user defined. */
export interface StorylineSource {
  list(): Promise<readonly Storyline[]>;
}

/** Where a storyline comes from. */
export type StorylineOrigin = "builtin" | "edited" | "user" | "file";

export interface CatalogEntry {
  storyline: Storyline;
  origin: StorylineOrigin;
  /** The query it was compiled from, or null. */
  query: string | null;
  /** The saved record's revision (the API's ETag); 0 when nothing was saved through the API. */
  revision: number;
  createdAt: string | null;
  updatedAt: string | null;
}

/** Why a change was refused; the API maps `kind` to a status, the message is a sentence for the user. */
export class StorylineChangeError extends Error {
  override name = "StorylineChangeError";
  constructor(
    readonly kind: "not_found" | "exists" | "read_only" | "in_use" | "not_builtin" | "stale" | "too_many" | "deleting",
    message: string,
  ) {
    super(message);
  }
}

/** Longest a cached set of storylines is trusted without a change of version (a crash between writes). */
export const MAX_AGE_MS = 5 * 60_000;
/**
 * How long a delete's mark holds a storyline (ACCESS-PATTERNS.md, "Deleting a storyline"): longer than any request
 * that deletes (the API's Lambda timeout is 30 s), so that a crashed delete blocks new subscriptions this long at most.
 */
export const DELETE_MARK_MS = 60_000;
/** Longest a new subscription waits for a delete under way of a storyline it names to decide (subscribableNow). */
export const DELETE_WAIT_MS = 5_000;

/** Most storylines saved through the API (each is scored for every new story). */
export const MAX_SAVED_STORYLINES = 200;

export interface StorylineCatalogOptions {
  store: Store;
  builtin?: readonly Storyline[];
  /** The storylines file, already validated (loadStorylinesFile), and its name for messages. */
  file?: { source: string; storylines: readonly FileStoryline[] };
  clock?: Clock;
  logger?: Logger;
  maxAgeMs?: number;
}

interface Snapshot {
  version: number;
  loadedAt: number;
  entries: CatalogEntry[];
  storylines: readonly Storyline[];
  byId: Map<string, CatalogEntry>;
  records: Map<string, StorylineRecord>;
}

export class StorylineCatalog implements StorylineSource {
  /**
   * Reads and validates a storylines file (a path relative to `root`); a broken one throws
   * StorylinesFileError naming the file, the storyline and the field.
   */
  static async readFile(path: string, root: string): Promise<{ source: string; storylines: FileStoryline[] }> {
    const text = await readFile(isAbsolute(path) ? path : join(root, path), "utf8");
    return { source: path, storylines: loadStorylinesFile(text, path) };
  }

  private readonly store: Store;
  private readonly builtin: readonly Storyline[];
  private readonly file: { source: string; storylines: readonly FileStoryline[] } | undefined;
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly maxAgeMs: number;
  private cache: Snapshot | null = null;
  private loading: Promise<Snapshot> | null = null;
  private readonly reported = new Set<string>();

  constructor(options: StorylineCatalogOptions) {
    this.store = options.store;
    this.builtin = options.builtin ?? defaultStorylines;
    this.file = options.file;
    this.clock = options.clock ?? systemClock;
    this.logger = options.logger ?? silentLogger;
    this.maxAgeMs = options.maxAgeMs ?? MAX_AGE_MS;
    for (const f of this.file?.storylines ?? []) {
      if (this.builtin.some((b) => b.id === f.storyline.id)) {
        this.logger.info("storyline from file replaces a built-in one", { storyline: f.storyline.id });
      }
    }
  }

  /** Every storyline stories are scored for (built-in, edited, file and user-defined). */
  async list(): Promise<readonly Storyline[]> {
    return (await this.snapshot()).storylines;
  }

  async entries(): Promise<readonly CatalogEntry[]> {
    return (await this.snapshot()).entries;
  }

  async entry(id: string): Promise<CatalogEntry | null> {
    return (await this.snapshot()).byId.get(id) ?? null;
  }

  /** The built-in definition of an id (whether or not it is edited or hidden). */
  builtinStoryline(id: string): Storyline | undefined {
    return this.builtin.find((s) => s.id === id);
  }

  /** The file that defines this id, if one does. */
  fileDefining(id: string): string | null {
    return this.file?.storylines.some((f) => f.storyline.id === id) ? this.file.source : null;
  }

  /** True when the user deleted this built-in storyline. */
  async isHidden(id: string): Promise<boolean> {
    const snapshot = await this.snapshot();
    return this.builtinStoryline(id) !== undefined && !snapshot.byId.has(id);
  }

  /** Forget the cache (the next call reloads). */
  invalidate(): void {
    this.cache = null;
  }

  private async snapshot(): Promise<Snapshot> {
    const version = await this.store.storylinesVersion();
    const now = this.clock.now().getTime();
    const cached = this.cache;
    if (cached && cached.version === version && now - cached.loadedAt < this.maxAgeMs) return cached;
    this.loading ??= this.load(version, now).finally(() => {
      this.loading = null;
    });
    return this.loading;
  }

  private async load(version: number, now: number): Promise<Snapshot> {
    const records = await this.store.listStorylineRecords();
    const snapshot = this.build(version, now, records);
    this.cache = snapshot;
    return snapshot;
  }

  private reportOnce(key: string, message: string, fields: Record<string, unknown>): void {
    if (this.reported.has(key)) return;
    this.reported.add(key);
    this.logger.error(message, fields);
  }

  private build(version: number, now: number, records: StorylineRecord[]): Snapshot {
    const byId = new Map<string, CatalogEntry>();
    for (const storyline of this.builtin) {
      byId.set(storyline.id, {
        storyline,
        origin: "builtin",
        query: null,
        revision: 0,
        createdAt: null,
        updatedAt: null,
      });
    }
    const saved = [...records].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
    for (const record of saved) {
      const isBuiltin = this.builtinStoryline(record.id) !== undefined;
      if (record.definition === null) {
        if (isBuiltin) byId.delete(record.id);
        continue;
      }
      const read = readStorylineDefinition(record.definition);
      if (!read.ok) {
        // Saved valid, invalid now (the schema changed): skip it, say so once, keep scoring the rest.
        this.reportOnce(`${record.id}@${record.revision}`, "saved storyline skipped: it no longer validates", {
          storyline: record.id,
          errors: read.errors.map((e) => `${e.field ?? "storyline"}: ${e.message}`).join("; "),
        });
        continue;
      }
      byId.set(record.id, {
        storyline: read.storyline,
        origin: isBuiltin ? "edited" : "user",
        query: record.query,
        revision: record.revision,
        createdAt: record.createdAt,
        updatedAt: record.updatedAt,
      });
    }
    for (const f of this.file?.storylines ?? []) {
      const shadowed = byId.get(f.storyline.id);
      if (shadowed && shadowed.origin !== "builtin") {
        this.reportOnce(`shadow:${f.storyline.id}@${shadowed.revision}`, "storyline from file shadows a saved one", {
          storyline: f.storyline.id,
          file: this.file?.source,
        });
      }
      byId.set(f.storyline.id, {
        storyline: f.storyline,
        origin: "file",
        query: f.query,
        revision: shadowed?.revision ?? 0,
        createdAt: null,
        updatedAt: null,
      });
    }
    const entries = [...byId.values()];
    return {
      version,
      loadedAt: now,
      entries,
      storylines: Object.freeze(entries.map((e) => e.storyline)),
      byId,
      records: new Map(records.map((r) => [r.id, r])),
    };
  }

  // ---- changes (the API's storyline routes) ----------------------------------------------------------------

  private refuseFile(id: string, what: string): void {
    const file = this.fileDefining(id);
    if (file !== null) {
      throw new StorylineChangeError(
        "read_only",
        `The storyline "${id}" is defined in ${file}; ${what} it there and restart (or redeploy).`,
      );
    }
  }

  private checkRevision(id: string, current: number, expected: number | undefined): void {
    if (expected !== undefined && expected !== current) {
      throw new StorylineChangeError(
        "stale",
        `The storyline "${id}" is at revision ${current}, not ${expected}: it changed since you read it. GET it again and retry.`,
      );
    }
  }

  /** Saves a new storyline (or one under the id of a deleted built-in storyline, which then counts as edited). */
  async create(storyline: Storyline, query: string | null): Promise<CatalogEntry> {
    const id = storyline.id;
    this.refuseFile(id, "change");
    const snapshot = await this.snapshot();
    if (snapshot.byId.has(id)) {
      throw new StorylineChangeError(
        "exists",
        `A storyline with the id "${id}" exists; PATCH /storylines/${id} changes it, or choose another id.`,
      );
    }
    const userCount = snapshot.entries.filter((e) => e.origin === "user").length;
    if (userCount >= MAX_SAVED_STORYLINES) {
      throw new StorylineChangeError(
        "too_many",
        `There are already ${userCount} storylines of your own (at most ${MAX_SAVED_STORYLINES}); delete one first.`,
      );
    }
    const hidden = snapshot.records.get(id);
    return this.save(storyline, query, hidden?.revision ?? 0);
  }

  /** Replaces a storyline's definition; a built-in storyline becomes "edited". */
  async update(storyline: Storyline, query: string | null, expectedRevision?: number): Promise<CatalogEntry> {
    const id = storyline.id;
    this.refuseFile(id, "edit");
    const current = await this.entry(id);
    if (current === null) throw await this.notFound(id);
    this.checkRevision(id, current.revision, expectedRevision);
    return this.save(storyline, query, current.revision);
  }

  /**
   * Deletes a storyline: a user-defined one is gone; a built-in one (edited or not) is hidden, its edit dropped.
   * Refused while subscriptions name it. Stored stories, events and alerts stay (re-creating the id shows them).
   *
   * Write, then verify (no transactions): the storyline is marked as being deleted first (a conditional write),
   * then its subscriptions are read, and only then is it deleted; the mark is removed at the end either way. A
   * subscription written at the same moment checks the mark after writing itself (subscribableNow) and backs out
   * when it sees it, so one of the two always sees the other (ACCESS-PATTERNS.md, "Deleting a storyline").
   */
  async remove(id: string, expectedRevision?: number): Promise<"deleted" | "hidden"> {
    this.refuseFile(id, "delete");
    const current = await this.entry(id);
    if (current === null) throw await this.notFound(id);
    this.checkRevision(id, current.revision, expectedRevision);
    const owner = randomUUID();
    const now = this.clock.now();
    const until = new Date(now.getTime() + DELETE_MARK_MS);
    if (!(await this.store.markStorylineDeleting(id, { owner, until, now }))) {
      throw new StorylineChangeError(
        "deleting",
        `The storyline "${id}" is being deleted by another request right now; GET /storylines/${id} in a moment ` +
          "shows whether it is gone.",
      );
    }
    try {
      await this.refuseInUse(id);
      if (current.origin === "user") {
        await this.store.deleteStorylineRecord(id, current.revision);
        return "deleted";
      }
      await this.store.saveStorylineRecord(
        { id, definition: null, query: null, at: this.clock.now() },
        current.revision,
      );
      return "hidden";
    } catch (error) {
      throw this.conflict(error, id);
    } finally {
      this.invalidate();
      // After the deletion and its version: a subscription that no longer sees the mark sees the storyline gone.
      // A mark left by a failure here lapses after DELETE_MARK_MS.
      await this.store.clearStorylineDeleting(id, owner).catch(() => undefined);
    }
  }

  /**
   * The second half of the protocol of `remove`, for a subscription just written that names `ids`: the first
   * storyline that is gone (read after the write, strongly consistent) or still being deleted after `waitMs`, or
   * null when all stand. A live mark is waited out (a delete takes a few store calls): once it is cleared the
   * delete has decided, having either seen this subscription (and refused) or deleted the storyline, so exactly
   * one of the two wins. Only a delete slower than `waitMs` (a stalled store, a crash) makes both give up.
   */
  async subscribableNow(
    ids: readonly string[],
    options: { waitMs?: number; pollMs?: number } = {},
  ): Promise<{ id: string; reason: "deleting" | "gone" } | null> {
    const waitMs = options.waitMs ?? DELETE_WAIT_MS;
    const pollMs = options.pollMs ?? 50;
    const started = performance.now();
    for (;;) {
      const now = this.clock.now();
      const marks = await Promise.all(ids.map((id) => this.store.isStorylineDeleting(id, now)));
      const deleting = ids.find((_, i) => marks[i]);
      if (deleting === undefined) break;
      if (performance.now() - started >= waitMs) return { id: deleting, reason: "deleting" };
      await sleep(pollMs);
    }
    // Read afresh, after the marks (never a load another request started earlier): a delete that finished has
    // removed its mark only after the storyline.
    const version = await this.store.storylinesVersion();
    const fresh = this.build(version, this.clock.now().getTime(), await this.store.listStorylineRecords());
    const gone = ids.find((id) => !fresh.byId.has(id));
    return gone === undefined ? null : { id: gone, reason: "gone" };
  }

  /** Brings a built-in storyline back as it ships: drops the user's edit, or shows it again after a delete. */
  async restore(id: string): Promise<CatalogEntry> {
    const builtin = this.builtinStoryline(id);
    if (builtin === undefined && (await this.entry(id)) === null) throw await this.notFound(id);
    if (builtin === undefined) {
      throw new StorylineChangeError(
        "not_builtin",
        `The storyline "${id}" is not a built-in one; only ${this.builtin.map((s) => `"${s.id}"`).join(", ")} can be restored.`,
      );
    }
    this.refuseFile(id, "change");
    const record = (await this.snapshot()).records.get(id);
    if (record) {
      try {
        await this.store.deleteStorylineRecord(id, record.revision);
      } catch (error) {
        throw this.conflict(error, id);
      } finally {
        this.invalidate();
      }
    }
    return (
      (await this.entry(id)) ?? {
        storyline: builtin,
        origin: "builtin",
        query: null,
        revision: 0,
        createdAt: null,
        updatedAt: null,
      }
    );
  }

  private async save(storyline: Storyline, query: string | null, expectedRevision: number): Promise<CatalogEntry> {
    try {
      await this.store.saveStorylineRecord(
        { id: storyline.id, definition: storyline as unknown as Record<string, unknown>, query, at: this.clock.now() },
        expectedRevision,
      );
    } catch (error) {
      throw this.conflict(error, storyline.id);
    } finally {
      this.invalidate();
    }
    const saved = await this.entry(storyline.id);
    if (saved === null)
      throw new StorylineChangeError("stale", `The storyline "${storyline.id}" was deleted meanwhile.`);
    return saved;
  }

  private conflict(error: unknown, id: string): unknown {
    if (error instanceof Conflict) {
      return new StorylineChangeError(
        "stale",
        `The storyline "${id}" changed while this request was handled; GET it again and retry.`,
      );
    }
    return error;
  }

  private async notFound(id: string): Promise<StorylineChangeError> {
    if (await this.isHidden(id)) {
      return new StorylineChangeError(
        "not_found",
        `The built-in storyline "${id}" was deleted; POST /storylines/${id}/restore brings it back.`,
      );
    }
    return new StorylineChangeError("not_found", `No storyline has the id "${id}"; GET /storylines lists them.`);
  }

  /**
   * Refuses while a subscription names the storyline: the subscriptions entered under it (read strongly
   * consistent, after the mark) and, for subscriptions made before entries existed, the subscription list. An entry
   * whose subscription does not exist is a subscription still being written, which will see the mark and back out,
   * or one whose creation crashed: neither uses the storyline.
   */
  private async refuseInUse(id: string): Promise<void> {
    const [entered, listed] = await Promise.all([
      this.store.listStorylineSubscriberIds(id),
      this.store.listSubscriptions({ includeDisabled: true }),
    ]);
    const users = listed.filter((s) => s.storylines.includes(id));
    const known = new Set(users.map((s) => s.id));
    for (const sub of await Promise.all(
      entered.filter((x) => !known.has(x)).map((x) => this.store.getSubscription(x)),
    )) {
      if (sub?.storylines.includes(id)) users.push(sub);
    }
    if (users.length === 0) return;
    const shown = users.slice(0, 10).map((s) => s.id);
    const more = users.length > shown.length ? ` and ${users.length - shown.length} more` : "";
    const noun = users.length === 1 ? "subscription" : "subscriptions";
    throw new StorylineChangeError(
      "in_use",
      `The storyline "${id}" is used by ${users.length} ${noun} (${shown.join(", ")}${more}); delete ${users.length === 1 ? "it" : "them"} (DELETE /subscriptions/{id}) before deleting the storyline.`,
    );
  }
}
