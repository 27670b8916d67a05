/**
 * The embedded DynamoDB called in process: a document client whose `send` hands each request straight to
 * dynalite's own validations and actions, in this process, instead of serializing it through the AWS SDK, signing
 * it, sending it over loopback HTTP to dynalite's server and parsing the answer back. The same dynalite code checks
 * and applies the request either way, so the answers and failures are the same (in-process.test.ts runs each kind
 * of request the store makes, and its failures, through both paths and compares them); what is gone is the
 * transport. On this machine a consistent GetItem then costs a thirtieth of the CPU, a conditional PutItem a sixth
 * and a Query of 50 list entries a third (`npx tsx bench/store-transport.bench.ts`).
 *
 * Used by the local runtime for the dynalite it starts itself (startLocalDynamo's `documents`); a DynamoDB endpoint
 * given in the configuration, and every Lambda, use the AWS SDK. Never bundled into the functions: it is reached only
 * through "@storywire/store/local".
 */
import { createRequire } from "node:module";
import {
  BatchGetCommand,
  BatchWriteCommand,
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from "@aws-sdk/lib-dynamodb";
import { marshall, type NativeAttributeValue, unmarshall } from "@aws-sdk/util-dynamodb";
import type { DocumentSender } from "./db.ts";
import type { DynaliteStore } from "./dynalite-atomic.ts";

type Wire = Record<string, unknown>;
type AttributeMap = Record<string, Wire>;
type NativeMap = Record<string, NativeAttributeValue>;
type Callback = (error: unknown, data?: Wire) => void;

interface DynaliteValidations {
  checkTypes(data: Wire, types: unknown): Wire;
  checkValidations(data: Wire, types: unknown, custom: unknown, store: DynaliteStore): void;
}

interface ActionValidation {
  types: unknown;
  custom?: unknown;
}

type Action = (store: DynaliteStore, data: Wire, cb: Callback) => void;

/** As the document client the store builds in store.ts: an undefined attribute is left out, not an error. */
const MARSHALL = { removeUndefinedValues: true } as const;

/** A failure dynalite answered, as the AWS SDK would raise it: `name` is the DynamoDB error type. */
export class LocalDynamoError extends Error {
  readonly $fault: "client" | "server";
  readonly $metadata: { httpStatusCode: number };

  constructor(type: string, message: string, status: number) {
    super(message);
    this.name = type;
    this.$fault = status >= 500 ? "server" : "client";
    this.$metadata = { httpStatusCode: status };
  }
}

/** dynalite's answer to a refused request: `{ statusCode, body: { __type: "…#Type", message } }`. */
function asDynamoError(error: unknown): unknown {
  const refused = error as { statusCode?: unknown; body?: { __type?: unknown; message?: unknown; Message?: unknown } };
  if (typeof refused?.statusCode !== "number" || !refused.body) return error;
  const type = String(refused.body.__type ?? "UnknownError");
  const message = refused.body.message ?? refused.body.Message ?? "";
  return new LocalDynamoError(type.slice(type.lastIndexOf("#") + 1), String(message), refused.statusCode);
}

/** Binary values travel base64-encoded, as on the wire; everything else marshall() gives is already wire JSON. */
function toWire(value: Wire): Wire {
  if (value.B instanceof Uint8Array) return { B: Buffer.from(value.B).toString("base64") };
  if (Array.isArray(value.BS)) return { BS: value.BS.map((b: Uint8Array) => Buffer.from(b).toString("base64")) };
  if (value.M) return { M: wireMap(value.M as AttributeMap, toWire) };
  if (Array.isArray(value.L)) return { L: (value.L as Wire[]).map(toWire) };
  return value;
}

/** Plain bytes, as the SDK gives them (not a Buffer). */
const bytes = (base64: string) => new Uint8Array(Buffer.from(base64, "base64"));

function fromWire(value: Wire): Wire {
  if (typeof value.B === "string") return { B: bytes(value.B) };
  if (Array.isArray(value.BS)) return { BS: value.BS.map(bytes) };
  if (value.M) return { M: wireMap(value.M as AttributeMap, fromWire) };
  if (Array.isArray(value.L)) return { L: (value.L as Wire[]).map(fromWire) };
  return value;
}

function wireMap(map: AttributeMap, convert: (value: Wire) => Wire): AttributeMap {
  const out: AttributeMap = {};
  for (const key of Object.keys(map)) out[key] = convert(map[key] as Wire);
  return out;
}

const toAttributes = (item: NativeMap | undefined) =>
  item === undefined ? undefined : wireMap(marshall(item, MARSHALL) as unknown as AttributeMap, toWire);
const fromAttributes = (item: AttributeMap | undefined) =>
  item === undefined ? undefined : (unmarshall(wireMap(item, fromWire) as never) as NativeMap);

/** A request's document-shaped fields as attribute values, and an answer's back; all other fields pass as they are. */
function mapFields(object: Wire, fields: readonly string[], convert: (value: never) => unknown): Wire {
  const out: Wire = { ...object };
  for (const field of fields) if (out[field] !== undefined) out[field] = convert(out[field] as never);
  return out;
}

function mapTables(tables: unknown, convert: (request: never) => unknown): Wire | undefined {
  if (!tables) return undefined;
  const out: Wire = {};
  for (const [table, requests] of Object.entries(tables as Wire)) out[table] = convert(requests as never);
  return out;
}

const writeRequest = (convert: (item: never) => unknown) => (request: Wire) => ({
  ...(request.PutRequest ? { PutRequest: mapFields(request.PutRequest as Wire, ["Item"], convert) } : {}),
  ...(request.DeleteRequest ? { DeleteRequest: mapFields(request.DeleteRequest as Wire, ["Key"], convert) } : {}),
});
const keysAndAttributes = (convert: (item: never) => unknown) => (request: Wire) => ({
  ...request,
  Keys: (request.Keys as never[]).map(convert),
});

/** Each document command the store sends: dynalite's action, and how its input and output are translated. */
interface Shape {
  action: string;
  request(input: Wire): Wire;
  response(output: Wire): Wire;
}

const values = (input: Wire, keys: readonly string[]) =>
  mapFields(mapFields(input, keys, toAttributes), ["ExpressionAttributeValues"], toAttributes);

/** A write's answer: the item's attributes, when ReturnValues asked for them. */
const attributesBack = (output: Wire) => mapFields(output, ["Attributes"], fromAttributes);

const SHAPES = new Map<unknown, Shape>([
  [
    GetCommand,
    {
      action: "getItem",
      request: (input) => mapFields(input, ["Key"], toAttributes),
      response: (output) => mapFields(output, ["Item"], fromAttributes),
    },
  ],
  [
    PutCommand,
    {
      action: "putItem",
      request: (input) => values(input, ["Item"]),
      response: attributesBack,
    },
  ],
  [
    UpdateCommand,
    {
      action: "updateItem",
      request: (input) => values(input, ["Key"]),
      response: attributesBack,
    },
  ],
  [
    DeleteCommand,
    {
      action: "deleteItem",
      request: (input) => values(input, ["Key"]),
      response: attributesBack,
    },
  ],
  [
    QueryCommand,
    {
      action: "query",
      request: (input) => values(input, ["ExclusiveStartKey"]),
      response: (output) => ({
        ...mapFields(output, ["LastEvaluatedKey"], fromAttributes),
        Items: ((output.Items ?? []) as AttributeMap[]).map(fromAttributes),
      }),
    },
  ],
  [
    BatchGetCommand,
    {
      action: "batchGetItem",
      request: (input) => ({ ...input, RequestItems: mapTables(input.RequestItems, keysAndAttributes(toAttributes)) }),
      response: (output) => ({
        ...output,
        Responses: mapTables(output.Responses, (items: AttributeMap[]) => items.map(fromAttributes)),
        UnprocessedKeys: mapTables(output.UnprocessedKeys, keysAndAttributes(fromAttributes)),
      }),
    },
  ],
  [
    BatchWriteCommand,
    {
      action: "batchWriteItem",
      request: (input) => ({
        ...input,
        RequestItems: mapTables(input.RequestItems, (requests: Wire[]) => requests.map(writeRequest(toAttributes))),
      }),
      response: (output) => ({
        ...output,
        UnprocessedItems: mapTables(output.UnprocessedItems, (requests: Wire[]) =>
          requests.map(writeRequest(fromAttributes)),
        ),
      }),
    },
  ],
]);

function aborted(): Error {
  const error = new Error("The embedded DynamoDB request was aborted before it completed.");
  error.name = "AbortError";
  return error;
}

/** The part of dynalite's store the table cache wraps (db/index.js `create`). */
interface TableStore extends DynaliteStore {
  tableDb: {
    put(key: string, value: unknown, callback: (error?: unknown) => void): void;
    del(key: string, callback: (error?: unknown) => void): void;
  };
  getTable(
    name: string,
    checkStatus: unknown,
    callback?: (error: unknown, table?: { TableStatus?: string }) => void,
  ): void;
}

/**
 * `store` whose getTable answers from memory. dynalite reads a table's description from LevelDB for every request,
 * and for every key of a BatchGetItem (a search's 100 keys: 100 reads). Only a usable table (not being created or
 * deleted) is kept, and every write of a table description (CreateTable, UpdateTable, DeleteTable, over HTTP or
 * not) forgets them all. The item actions only read the description.
 */
function withTableCache(store: TableStore): TableStore {
  const tables = new Map<string, { TableStatus?: string }>();
  // Rises with every change of a description: a read that began before one is not kept.
  let generation = 0;
  const forget = () => {
    generation += 1;
    tables.clear();
  };
  const { tableDb } = store;
  const put = tableDb.put.bind(tableDb);
  const del = tableDb.del.bind(tableDb);
  tableDb.put = (key, value, callback) => {
    forget();
    put(key, value, (error) => {
      forget();
      callback(error);
    });
  };
  tableDb.del = (key, callback) => {
    forget();
    del(key, (error) => {
      forget();
      callback(error);
    });
  };
  const cached: TableStore = Object.create(store);
  cached.getTable = (name, checkStatus, callback) => {
    const done = (typeof checkStatus === "function" ? checkStatus : callback) as NonNullable<typeof callback>;
    // Only the item actions' form (status checked): DescribeTable and the like ask without, and read it fresh.
    if (typeof checkStatus !== "function") return store.getTable(name, checkStatus, callback);
    const table = tables.get(name);
    if (table) return process.nextTick(done, null, table);
    const asked = generation;
    store.getTable(name, (error: unknown, found?: { TableStatus?: string }) => {
      const usable = found && found.TableStatus !== "CREATING" && found.TableStatus !== "DELETING";
      if (!error && usable && asked === generation) {
        tables.set(name, found);
      }
      done(error, found);
    });
  };
  return cached;
}

/** The in-process document client, and its end: `close()` waits for the requests under way. */
export interface InProcessDocuments extends DocumentSender {
  /**
   * Refuses new requests (as unavailable: the API answers 503) and resolves when every request under way has
   * finished, so that the data can be closed under none: LevelDB closed under a running query crashes the process.
   */
  close(): Promise<void>;
}

/**
 * A document client (`send` only, as the store uses it) on the dynalite store `store`. Requests are validated by
 * dynalite exactly as its HTTP server validates them; an `abortSignal` ends the wait, as with the SDK.
 */
export function inProcessDocuments(dynalite: DynaliteStore): InProcessDocuments {
  const store = withTableCache(dynalite as TableStore);
  const require = createRequire(import.meta.url);
  const validations = require("dynalite/validations/index.js") as DynaliteValidations;
  const loaded = new Map<string, { validation: ActionValidation; action: Action }>();
  const load = (name: string) => {
    let entry = loaded.get(name);
    if (!entry) {
      entry = {
        validation: require(`dynalite/validations/${name}.js`) as ActionValidation,
        action: require(`dynalite/actions/${name}.js`) as Action,
      };
      loaded.set(name, entry);
    }
    return entry;
  };

  let closed = false;
  const underWay = new Set<Promise<unknown>>();
  const call = (name: string, request: Wire): Promise<Wire> => {
    const answer = new Promise<Wire>((resolve, reject) => {
      const { validation, action } = load(name);
      try {
        const data = validations.checkTypes(request, validation.types);
        validations.checkValidations(data, validation.types, validation.custom, store);
        action(store, data, (error, output) => (error ? reject(asDynamoError(error)) : resolve(output ?? {})));
      } catch (error) {
        reject(asDynamoError(error));
      }
    });
    const settled: Promise<unknown> = answer.then(
      () => underWay.delete(settled),
      () => underWay.delete(settled),
    );
    underWay.add(settled);
    return answer;
  };

  const send = async (command: { input: object }, options?: { abortSignal?: AbortSignal }): Promise<Wire> => {
    const shape = SHAPES.get(command.constructor);
    if (!shape) {
      throw new Error(
        `The embedded DynamoDB does not take ${command.constructor.name} in process; use the AWS SDK client.`,
      );
    }
    if (closed) throw new LocalDynamoError("ServiceUnavailable", "The embedded DynamoDB is shutting down.", 503);
    const signal = options?.abortSignal;
    if (signal?.aborted) throw aborted();
    const answer = call(shape.action, shape.request({ ...(command.input as Wire) }));
    const output = signal
      ? await new Promise<Wire>((resolve, reject) => {
          const onAbort = () => reject(aborted());
          signal.addEventListener("abort", onAbort, { once: true });
          answer.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
        })
      : await answer;
    return { ...shape.response(output), $metadata: { httpStatusCode: 200 } };
  };

  const close = async () => {
    closed = true;
    while (underWay.size > 0) await Promise.all(underWay);
  };
  return { send, close } as unknown as InProcessDocuments;
}
