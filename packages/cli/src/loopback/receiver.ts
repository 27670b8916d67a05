/**
 * A loopback webhook receiver: the demo's and the tests'. It verifies each delivery's Standard Webhooks signature
 * with the `standardwebhooks` package, as a subscriber would, records every request, tells a resend of a
 * webhook-id it has seen (receivers dedupe on it), and can be taken down to answer with an error status.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";

export interface ReceivedAlert {
  id: string;
  verified: boolean;
  payload: { type: string; data: Record<string, unknown> } | null;
  /** A webhook-id this receiver had already accepted: a resend it drops. */
  duplicate: boolean;
}

export interface Receiver {
  url: string;
  /** Every request that was not refused while down, in order. */
  received: ReceivedAlert[];
  /** Every request as it arrived: the body and the three Standard Webhooks headers. */
  raw: { body: string; headers: Record<string, string> }[];
  /** Every request with the status it was answered. */
  attempts: { id: string; status: number }[];
  /** The secret the signatures are checked with (set after the subscription is created). */
  setSecret(secret: string): void;
  /** Answer every request with this status (e.g. 500) until up() is called. */
  down(status?: number): void;
  up(): void;
  close(): Promise<void>;
}

export async function startReceiver(onAlert?: (alert: ReceivedAlert) => void): Promise<Receiver> {
  let secret: string | null = null;
  let downStatus: number | null = null;
  const accepted = new Set<string>();
  const received: ReceivedAlert[] = [];
  const raw: Receiver["raw"] = [];
  const attempts: Receiver["attempts"] = [];
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
      let alert: ReceivedAlert;
      try {
        const payload = new Webhook(secret ?? "").verify(body, headers) as ReceivedAlert["payload"];
        alert = { id, verified: true, payload, duplicate: accepted.has(id) };
        accepted.add(id);
      } catch {
        alert = { id, verified: false, payload: null, duplicate: false };
      }
      attempts.push({ id, status: alert.verified ? 204 : 401 });
      received.push(alert);
      res.writeHead(alert.verified ? 204 : 401).end();
      onAlert?.(alert);
    });
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    received,
    raw,
    attempts,
    setSecret(value) {
      secret = value;
    },
    down(status = 500) {
      downStatus = status;
    },
    up() {
      downStatus = null;
    },
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
