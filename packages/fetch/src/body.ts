/**
 * Reading a response body under caps: wire bytes are counted before decoding, decoded bytes after, and
 * reading stops (the stream is destroyed) the moment either cap is passed. Decompression is streamed through
 * node:zlib, so a 50 KB gzip that inflates to 50 MB costs at most the cap plus one zlib chunk of memory.
 */
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import zlib from "node:zlib";
import { DecodeError, TooLargeError, UnsupportedEncodingError } from "./errors.ts";

export type ContentCoding = "gzip" | "deflate" | "br";

const KNOWN: Record<string, ContentCoding> = { gzip: "gzip", "x-gzip": "gzip", deflate: "deflate", br: "br" };

/**
 * The single content coding of a response, or null for identity. Unknown codings and more than one
 * coding (`gzip, gzip`, `gzip, br`) are refused: stacking is a classic decompression-bomb amplifier and
 * no real feed server needs it.
 */
export function parseContentEncoding(
  url: string | URL,
  value: string | readonly string[] | undefined,
): ContentCoding | null {
  if (value === undefined) return null;
  const raw = typeof value === "string" ? value : value.join(",");
  const codings = raw
    .split(",")
    .map((token) => token.trim().toLowerCase())
    .filter((token) => token !== "" && token !== "identity");
  if (codings.length === 0) return null;
  if (codings.length > 1) {
    throw new UnsupportedEncodingError(
      url,
      raw.trim(),
      "stacks several content codings; Storywire accepts at most one",
    );
  }
  const coding = KNOWN[codings[0] ?? ""];
  if (!coding) {
    throw new UnsupportedEncodingError(url, raw.trim(), "Storywire cannot decode (it accepts gzip, deflate and br)");
  }
  return coding;
}

function createDecoder(
  coding: ContentCoding,
  head: Buffer,
): zlib.Gunzip | zlib.Inflate | zlib.InflateRaw | zlib.BrotliDecompress {
  // Lenient flush modes: a truncated-but-valid prefix yields what it has instead of an error (as browsers do).
  if (coding === "gzip") return zlib.createGunzip({ finishFlush: zlib.constants.Z_SYNC_FLUSH });
  if (coding === "br") return zlib.createBrotliDecompress({ finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH });
  // "deflate" should be zlib-wrapped (RFC 9110) but some servers send raw deflate: sniff the zlib header.
  const b0 = head[0];
  const b1 = head[1];
  const zlibWrapped =
    b0 !== undefined && (b0 & 0x0f) === 8 && b0 >> 4 <= 7 && (b1 === undefined || ((b0 << 8) | b1) % 31 === 0);
  return zlibWrapped || head.length === 0
    ? zlib.createInflate({ finishFlush: zlib.constants.Z_SYNC_FLUSH })
    : zlib.createInflateRaw({ finishFlush: zlib.constants.Z_SYNC_FLUSH });
}

export interface BodyLimits {
  /** Cap on wire bytes. */
  maxRawBytes: number;
  /** Cap on decoded bytes. */
  maxBytes: number;
}

export interface BodyReadResult {
  body: Buffer;
  rawBytes: number;
}

/**
 * Read and decode `stream` under the limits. Throws TooLargeError (kind "raw" or "decoded"),
 * DecodeError for corrupt compressed data; other stream errors (abort, socket) are rethrown unchanged.
 * The source stream is destroyed on any failure.
 */
export async function readBody(
  url: string | URL,
  stream: Readable,
  coding: ContentCoding | null,
  limits: BodyLimits,
): Promise<BodyReadResult> {
  let rawBytes = 0;
  // The first cap violation, kept aside: pipeline() may surface the resulting AbortError instead of it.
  let capError: TooLargeError | null = null;
  const overCap = (kind: "raw" | "decoded", limit: number, observed: number): TooLargeError => {
    capError ??= new TooLargeError(url, kind, limit, observed);
    return capError;
  };
  const counted = (async function* () {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      rawBytes += chunk.length;
      if (rawBytes > limits.maxRawBytes) throw overCap("raw", limits.maxRawBytes, rawBytes);
      yield chunk;
    }
  })();

  const chunks: Buffer[] = [];
  let decodedBytes = 0;
  const sink = async (source: AsyncIterable<Buffer>): Promise<void> => {
    for await (const chunk of source) {
      decodedBytes += chunk.length;
      if (decodedBytes > limits.maxBytes) throw overCap("decoded", limits.maxBytes, decodedBytes);
      chunks.push(chunk);
    }
  };

  try {
    if (coding === null) {
      await pipeline(Readable.from(counted, { objectMode: false }), sink);
    } else {
      // Peek at the first chunk (the deflate flavour depends on it), then stream everything through zlib.
      const first = await counted.next();
      const head = first.done ? Buffer.alloc(0) : first.value;
      const replay = (async function* () {
        if (!first.done) yield head;
        yield* counted;
      })();
      try {
        await pipeline(Readable.from(replay, { objectMode: false }), createDecoder(coding, head), sink);
      } catch (error) {
        if (!capError && isZlibError(error)) throw new DecodeError(url, coding, error);
        throw error;
      }
    }
  } catch (error) {
    stream.on("error", () => undefined);
    stream.destroy();
    await counted.return(undefined).catch(() => undefined);
    throw capError ?? error;
  }
  return { body: Buffer.concat(chunks, decodedBytes), rawBytes };
}

function isZlibError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return (
    typeof code === "string" &&
    (code.startsWith("Z_") || code.startsWith("ERR_BROTLI") || code.startsWith("ERR__ERROR"))
  );
}
