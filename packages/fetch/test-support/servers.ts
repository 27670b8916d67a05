/** Loopback servers for the tests of this package (not exported from index.ts). */
import { readFileSync } from "node:fs";
import http from "node:http";
import https from "node:https";
import type { AddressInfo, Socket } from "node:net";
import { afterEach } from "vitest";
import type { Resolver } from "../src/ssrf.ts";

export const TLS_CERT = readFileSync(new URL("../src/test-fixtures/tls-cert.pem", import.meta.url));
export const TLS_KEY = readFileSync(new URL("../src/test-fixtures/tls-key.pem", import.meta.url));

export interface TestServer {
  /** e.g. http://127.0.0.1:40123 */
  origin: string;
  port: number;
  host: string;
  /** Requests received so far (method + url + headers). */
  requests: Array<{ method: string; url: string; headers: http.IncomingHttpHeaders; body: string }>;
  /** Number of TCP connections accepted. */
  readonly connections: number;
  close(): Promise<void>;
}

export type Handler = (req: http.IncomingMessage, res: http.ServerResponse, body: string) => unknown;

export async function startServer(
  handler: Handler,
  options: { host?: string; tls?: boolean; rawConnection?: (socket: Socket) => void } = {},
): Promise<TestServer> {
  const host = options.host ?? "127.0.0.1";
  const requests: TestServer["requests"] = [];
  const sockets = new Set<Socket>();
  let connections = 0;
  const listener = (req: http.IncomingMessage, res: http.ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      requests.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers, body });
      Promise.resolve(handler(req, res, body)).catch(() => res.destroy());
    });
  };
  const server = options.tls
    ? https.createServer({ cert: TLS_CERT, key: TLS_KEY }, listener)
    : http.createServer(listener);
  server.on("connection", (socket: Socket) => {
    connections++;
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => undefined);
    options.rawConnection?.(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    origin: `${options.tls ? "https" : "http"}://${host.includes(":") ? `[${host}]` : host}:${port}`,
    port,
    host,
    requests,
    get connections() {
      return connections;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * startServer for one test file: every server started through it is closed after each test.
 * Call at module level: `const serve = serversClosedAfterEach();`.
 */
export function serversClosedAfterEach(): (...args: Parameters<typeof startServer>) => Promise<TestServer> {
  const servers: TestServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });
  return async (...args) => {
    const server = await startServer(...args);
    servers.push(server);
    return server;
  };
}

/** A resolver from a fixed table (name -> addresses); unknown names fail like ENOTFOUND. */
export function fakeResolver(table: Record<string, string[]>): Resolver {
  return async (hostname) => {
    const addresses = table[hostname.toLowerCase()];
    if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND" });
    return addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
  };
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
