/**
 * One HTTP/1.1 exchange through the SSRF guard (layer 2 of ssrf.ts), on Node's own http and https clients:
 *
 * - the connection's `lookup` resolves the name itself, refuses it if ANY record is non-public, and hands the
 *   socket exactly the checked records, so there is no DNS-rebinding window between check and connect;
 * - an IP literal is judged before connecting, and the connected socket's remote address once more;
 * - connect (TCP, and the TLS handshake for https) and response headers each have a timeout; the caller's
 *   signal carries the total deadline, which also bounds a body that trickles in;
 * - every exchange has a connection of its own (no agent): nothing is shared between calls or guard settings.
 *
 * Node's clients rather than undici: the same HTTP/1.1 work with nothing to bundle. undici's client added about
 * 300 KB of code to every Lambda that sends a request (docs/DEPLOY.md, "How the functions are bundled").
 */
import http, { type IncomingHttpHeaders, type IncomingMessage } from "node:http";
import https from "node:https";
import type { Socket } from "node:net";
import { BlockedAddressError, TimeoutError } from "./errors.ts";
import { isIpLiteral, unbracket } from "./ip-address.ts";
import { createGuardedLookup, type Guard, type GuardOptions, judgeAddress, resolveGuard } from "./ssrf.ts";

export interface GuardedConnectorOptions extends GuardOptions {
  connectTimeoutMs?: number;
  /** Extra trusted CA certificates (PEM). Replaces Node's default roots; for a private CA or tests. */
  ca?: string | Buffer | Array<string | Buffer>;
}

export interface ExchangeOptions extends GuardedConnectorOptions {
  method: "GET" | "POST";
  headers: Record<string, string>;
  body?: Buffer;
  /** The total deadline (and the caller's cancellation): aborting it destroys the exchange. */
  signal: AbortSignal;
  connectTimeoutMs: number;
  headersTimeoutMs: number;
}

export interface HttpResponse {
  statusCode: number;
  /** As Node parses them: names lowercased, repeated headers joined (set-cookie is an array). */
  headers: IncomingHttpHeaders;
  /** The body, not yet read: read it, or destroy it. */
  body: IncomingMessage;
}

function blocked(origin: string, hostname: string, address: string, guard: Guard, resolved: boolean) {
  const verdict = judgeAddress(address, guard);
  return verdict.public
    ? null
    : new BlockedAddressError({
        url: origin,
        hostname,
        address: verdict.address,
        description: verdict.description,
        resolved,
      });
}

/**
 * Sends the request and resolves with the response once its headers arrive. Rejects with BlockedAddressError,
 * DnsError, TimeoutError (connect or headers phase), or Node's own error (refused, reset, TLS, abort), which
 * the caller maps with toFetchError.
 */
export function exchange(url: URL, options: ExchangeOptions): Promise<HttpResponse> {
  const guard = resolveGuard(options);
  const hostname = unbracket(url.hostname);
  const origin = url.origin;
  if (guard.enabled && isIpLiteral(hostname)) {
    const refusal = blocked(origin, hostname, hostname, guard, false);
    if (refusal) return Promise.reject(refusal);
  }
  const tls = url.protocol === "https:";
  const useLookup = guard.enabled || options.lookup !== undefined;
  return new Promise<HttpResponse>((resolve, reject) => {
    const request = (tls ? https : http).request(url, {
      method: options.method,
      headers: options.headers,
      agent: false,
      signal: options.signal,
      ...(useLookup ? { lookup: createGuardedLookup(guard, origin, options.connectTimeoutMs) } : {}),
      ...(tls && options.ca ? { ca: options.ca } : {}),
    });
    let headersTimer: NodeJS.Timeout | undefined;
    const connectTimer = setTimeout(
      () => request.destroy(new TimeoutError(url, "connect", options.connectTimeoutMs)),
      options.connectTimeoutMs,
    );
    const clearTimers = () => {
      clearTimeout(connectTimer);
      clearTimeout(headersTimer);
    };
    const connected = (socket: Socket) => {
      clearTimeout(connectTimer);
      const refusal = guard.enabled ? blocked(origin, hostname, socket.remoteAddress ?? "", guard, true) : null;
      if (refusal) {
        request.destroy(refusal);
        return;
      }
      headersTimer = setTimeout(
        () => request.destroy(new TimeoutError(url, "headers", options.headersTimeoutMs)),
        options.headersTimeoutMs,
      );
    };
    request.once("socket", (socket: Socket) => {
      if (!socket.connecting) connected(socket);
      else socket.once(tls ? "secureConnect" : "connect", () => connected(socket));
    });
    request.once("response", (response) => {
      clearTimers();
      resolve({ statusCode: response.statusCode ?? 0, headers: response.headers, body: response });
    });
    request.on("error", (error) => {
      clearTimers();
      reject(error);
    });
    request.end(options.body);
  });
}
