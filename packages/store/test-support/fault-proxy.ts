/**
 * A loopback proxy in front of a local DynamoDB for fault tests (not exported from the package): it passes
 * requests through, or plays a store that is down (connections refused), frozen (connections accepted, never
 * answered) or throttling (DynamoDB's own 400 ThrottlingException / ProvisionedThroughputExceededException).
 */
import { createServer, request, type Server } from "node:http";
import type { AddressInfo, Socket } from "node:net";

export type FaultMode = "pass" | "down" | "frozen";

export interface FaultProxy {
  endpoint: string;
  /** Requests received (throttled ones included). */
  readonly stats: { requests: number; throttled: number };
  setMode(mode: FaultMode): Promise<void>;
  /** Answers the next `count` requests (of `operation`, e.g. "PutItem", when given) with a throttling error. */
  throttleNext(count: number, options?: { operation?: string; error?: string }): void;
  close(): Promise<void>;
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
}

export async function startFaultProxy(target: string): Promise<FaultProxy> {
  const upstream = new URL(target);
  const stats = { requests: 0, throttled: 0 };
  let mode: FaultMode = "pass";
  let throttle: { count: number; operation?: string; error: string } = { count: 0, error: "" };
  const sockets = new Set<Socket>();

  const server = createServer((req, res) => {
    stats.requests += 1;
    if (mode === "frozen") return; // never answered: the client's timeouts must end the wait
    const operation = String(req.headers["x-amz-target"] ?? "").split(".")[1] ?? "";
    if (throttle.count > 0 && (!throttle.operation || throttle.operation === operation)) {
      throttle.count -= 1;
      stats.throttled += 1;
      req.resume();
      const body = JSON.stringify({
        __type: `com.amazonaws.dynamodb.v20120810#${throttle.error}`,
        message: "Rate of requests exceeds the allowed throughput.",
      });
      res.writeHead(400, { "content-type": "application/x-amz-json-1.0" }).end(body);
      return;
    }
    const forward = request(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on("error", () => res.destroy());
    req.pipe(forward);
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await listen(server, 0);
  const { port } = server.address() as AddressInfo;

  const stop = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    });

  return {
    endpoint: `http://127.0.0.1:${port}`,
    stats,
    async setMode(next) {
      if (next === mode) return;
      const wasDown = mode === "down";
      mode = next;
      if (next === "down") await stop();
      else if (wasDown) await listen(server, port);
      // Frozen: connections already open stay open and unanswered; leaving it answers new requests again.
      if (!wasDown && next === "pass") for (const socket of sockets) socket.destroy();
    },
    throttleNext(count, options = {}) {
      throttle = { count, operation: options.operation, error: options.error ?? "ThrottlingException" };
    },
    async close() {
      mode = "pass";
      if (server.listening) await stop();
    },
  };
}
