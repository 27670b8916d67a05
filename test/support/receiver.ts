/** A loopback webhook receiver for tests: verifies signatures with `standardwebhooks`, can be taken down. */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";

export interface Received {
  id: string;
  verified: boolean;
  payload: { type: string; data: Record<string, unknown> } | null;
}

export async function startTestReceiver() {
  let secret: string | null = null;
  let downStatus: number | null = null;
  const attempts: { id: string; status: number }[] = [];
  const received: Received[] = [];
  /** Every verified-or-not request as it arrived: the body and the three Standard Webhooks headers. */
  const raw: { body: string; headers: Record<string, string> }[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const id = String(req.headers["webhook-id"] ?? "");
      if (downStatus !== null) {
        attempts.push({ id, status: downStatus });
        res.writeHead(downStatus).end("receiver is down: this body must never be stored");
        return;
      }
      const body = Buffer.concat(chunks).toString("utf8");
      const headers = {
        "webhook-id": id,
        "webhook-timestamp": String(req.headers["webhook-timestamp"] ?? ""),
        "webhook-signature": String(req.headers["webhook-signature"] ?? ""),
      };
      raw.push({ body, headers });
      let entry: Received;
      try {
        entry = { id, verified: true, payload: new Webhook(secret ?? "").verify(body, headers) as Received["payload"] };
      } catch {
        entry = { id, verified: false, payload: null };
      }
      attempts.push({ id, status: entry.verified ? 204 : 401 });
      received.push(entry);
      res.writeHead(entry.verified ? 204 : 401).end();
    });
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    received,
    raw,
    attempts,
    setSecret(value: string) {
      secret = value;
    },
    /** Answer every request with this status (e.g. 500) until up() is called. */
    down(status = 500) {
      downStatus = status;
    },
    up() {
      downStatus = null;
    },
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}
