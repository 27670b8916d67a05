/**
 * Test support: a loopback HTTP receiver that records what it is sent, and a small HttpPoster built on
 * node:http with the hardened client's contract (no redirects followed, body discarded, typed errors).
 * Only for tests: production sends go through @storywire/fetch's postJson.
 */
import { createServer, type IncomingHttpHeaders, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { HttpPoster } from "../src/types.ts";

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface Reply {
  status: number;
  headers?: Record<string, string>;
  body?: string;
}

export interface Receiver {
  url: string;
  received: ReceivedRequest[];
  /** Sets how the receiver answers the next requests. */
  reply(handler: (request: ReceivedRequest) => Reply): void;
  close(): Promise<void>;
}

/** Starts an HTTP server on 127.0.0.1 (a free port) that records every request and answers 200 by default. */
export async function startReceiver(): Promise<Receiver> {
  const received: ReceivedRequest[] = [];
  let handler: (request: ReceivedRequest) => Reply = () => ({ status: 200, body: "ok" });
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const entry = {
        method: req.method ?? "",
        path: req.url ?? "",
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      };
      received.push(entry);
      const reply = handler(entry);
      res.writeHead(reply.status, reply.headers ?? {});
      res.end(reply.body ?? "");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    reply(next) {
      handler = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A URL on 127.0.0.1 where nothing listens (the port of a server that was started and closed). */
export async function closedPortUrl(): Promise<string> {
  const receiver = await startReceiver();
  await receiver.close();
  return receiver.url;
}

class PosterError extends Error {
  readonly code: string;
  readonly retryable: boolean;
  constructor(code: string, message: string, retryable: boolean) {
    super(message);
    this.code = code;
    this.retryable = retryable;
  }
}

function retryAfterMs(header: string | string[] | undefined): number | null {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const date = Date.parse(value);
  return Number.isFinite(date) ? Math.max(0, date - Date.now()) : null;
}

/** POSTs over node:http to loopback only; resolves with status for any HTTP answer, throws typed errors below HTTP. */
export const loopbackPoster: HttpPoster = (url, body, options) =>
  new Promise((resolve, reject) => {
    const target = new URL(url);
    if (target.hostname !== "127.0.0.1" || options.allowPrivateNetworks !== true) {
      reject(new PosterError("blocked_address", `The address of ${url} is not allowed.`, false));
      return;
    }
    const req = request(
      target,
      {
        method: "POST",
        headers: { ...options.headers, "content-length": String(Buffer.byteLength(body)) },
        signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
      },
      (res) => {
        res.resume();
        res.on("end", () => {
          const status = res.statusCode ?? 0;
          resolve({
            ok: status >= 200 && status <= 299,
            status,
            retryAfterMs: retryAfterMs(res.headers["retry-after"]),
          });
        });
      },
    );
    req.on("error", (error: Error & { code?: string }) => {
      if (error.name === "AbortError" || error.name === "TimeoutError") {
        reject(new PosterError("timeout", `${url} did not answer in time.`, true));
      } else {
        reject(new PosterError("network_error", `Could not connect to ${url} (${error.code ?? error.name}).`, true));
      }
    });
    req.end(body);
  });
