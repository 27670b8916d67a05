/**
 * The embedded DynamoDB for `npm start` and tests: dynalite on loopback, in memory or on disk. Exported as
 * "@storywire/store/local" so Lambda bundles never pull it in.
 */
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import dynalite from "dynalite";
import type { DocumentSender } from "./db.ts";
import { type DynaliteStore, makeDynaliteWritesAtomic } from "./dynalite-atomic.ts";
import { StoreError } from "./errors.ts";
import { inProcessDocuments } from "./in-process.ts";

export interface LocalDynamoOptions {
  /** Directory for the data (created if missing); in memory when omitted. */
  path?: string;
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
}

export interface LocalDynamo {
  /** http://host:port, for createDynamoClient({ endpoint }) and other DynamoDB tools. */
  endpoint: string;
  /**
   * The same data called in process, for createStore({ documents }): no SDK, no HTTP (in-process.ts). What the
   * local runtime's store uses; the endpoint stays for table set-up and for tools.
   */
  documents: DocumentSender;
  /** Stops the server and closes the data directory; safe to call twice. */
  close(): Promise<void>;
}

function listen(server: ReturnType<typeof dynalite>, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      const reason =
        error.code === "EADDRINUSE"
          ? `port ${port} is already in use; choose another port, or 0 for a free one`
          : error.message;
      reject(new StoreError(`The local DynamoDB could not listen on ${host}:${port}: ${reason}.`, { cause: error }));
    };
    server.once("error", onError);
    server.listen(port, host, () => {
      server.off("error", onError);
      resolve();
    });
  });
}

function closeServer(server: ReturnType<typeof dynalite>): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
  });
}

const LOCK_FILE = "storywire.lock";

type DynaliteOptions = Parameters<typeof dynalite>[0];

/**
 * dynalite's server and the store behind it. dynalite keeps its store to itself (its request handler is bound to
 * it), so the store is taken as dynalite's db module creates it, during this one synchronous call.
 */
function startDynalite(options: DynaliteOptions): { server: ReturnType<typeof dynalite>; store: DynaliteStore } {
  const db = createRequire(import.meta.url)("dynalite/db/index.js") as {
    create(options: DynaliteOptions): DynaliteStore;
  };
  const create = db.create;
  let store: DynaliteStore | undefined;
  db.create = (createOptions) => {
    store = create(createOptions);
    return store;
  };
  try {
    const server = dynalite(options);
    if (!store) {
      throw new Error("This dynalite version creates its store another way; install the version in package-lock.json.");
    }
    return { server, store };
  } finally {
    db.create = create;
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Claims the data directory for this server. LevelDB allows one opener, and dynalite reports a second one
 * only as a crash on its first request, so a lock file with the owner's pid is checked first; a lock left
 * by a process that no longer runs is taken over.
 */
function lockDirectory(path: string): () => void {
  const lockPath = join(path, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, "wx");
      writeSync(fd, String(process.pid));
      closeSync(fd);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        rmSync(lockPath, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") {
        throw new StoreError(`The local data directory ${path} cannot be used: ${(error as Error).message}.`, {
          cause: error,
        });
      }
      const owner = Number.parseInt(readFileSync(lockPath, "utf8"), 10);
      if (Number.isInteger(owner) && owner > 0 && processAlive(owner)) {
        throw new StoreError(
          `The local data directory ${path} is in use by process ${owner}${owner === process.pid ? " (this one)" : ""}. ` +
            "Stop that Storywire process first, or give this one another data directory.",
        );
      }
      rmSync(lockPath, { force: true });
    }
  }
  throw new StoreError(`The local data directory ${path} could not be locked; remove ${lockPath} and try again.`);
}

export async function startLocalDynamo(options: LocalDynamoOptions = {}): Promise<LocalDynamo> {
  const host = options.host ?? "127.0.0.1";
  let unlock = () => {};
  if (options.path !== undefined) {
    mkdirSync(options.path, { recursive: true });
    unlock = lockDirectory(options.path);
  }
  // Each item write one atomic write on disk, as in DynamoDB: a process killed mid-write never tears an index.
  makeDynaliteWritesAtomic();
  const { server, store } = startDynalite({
    ...(options.path === undefined ? {} : { path: options.path }),
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
  });
  try {
    await listen(server, options.port ?? 0, host);
  } catch (error) {
    unlock();
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  const endpoint = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;

  let closing: Promise<void> | undefined;
  const documents = inProcessDocuments(store);
  // The requests made in process first (dynalite's server waits for its own), then the server and the data.
  const close = () => {
    closing ??= documents
      .close()
      .then(() => closeServer(server))
      .finally(unlock);
    return closing;
  };

  // The data opens lazily: open it now, so that an unreadable directory fails here, clearly. (Not by a request:
  // dynalite's ListTables over data still opening could end in an iterator read after close, which crashed the
  // process now and then when an existing data directory was opened.)
  try {
    await (store.db as unknown as { open(): Promise<void> }).open();
  } catch (error) {
    await close().catch(() => undefined);
    const cause = (error as { cause?: Error }).cause?.message;
    throw new StoreError(
      `The local DynamoDB could not open its data${options.path ? ` in ${options.path}` : ""}: ${(error as Error).message}${cause ? ` (${cause})` : ""}.`,
      { cause: error },
    );
  }
  return { endpoint, documents, close };
}
