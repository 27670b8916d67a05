/**
 * The demo's webhook receiver: verifies each delivery's Standard Webhooks signature with the `standardwebhooks`
 * package, as a subscriber would, dedupes on webhook-id, and hands verified alerts to the caller.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";

export interface ReceivedAlert {
  id: string;
  verified: boolean;
  payload: unknown;
}

export interface Receiver {
  url: string;
  /** Set after the subscription is created: the secret the signatures are checked with. */
  setSecret(secret: string): void;
  received: ReceivedAlert[];
  close(): Promise<void>;
}

export async function startReceiver(onAlert: (alert: ReceivedAlert) => void): Promise<Receiver> {
  let webhook: Webhook | null = null;
  const seen = new Set<string>();
  const received: ReceivedAlert[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const headers = {
        "webhook-id": String(req.headers["webhook-id"] ?? ""),
        "webhook-timestamp": String(req.headers["webhook-timestamp"] ?? ""),
        "webhook-signature": String(req.headers["webhook-signature"] ?? ""),
      };
      let alert: ReceivedAlert;
      try {
        if (!webhook) throw new Error("no secret yet");
        alert = { id: headers["webhook-id"], verified: true, payload: webhook.verify(body, headers) };
      } catch {
        res.writeHead(401).end();
        onAlert({ id: headers["webhook-id"], verified: false, payload: null });
        return;
      }
      res.writeHead(204).end();
      if (seen.has(alert.id)) return; // a retry of a delivery already received
      seen.add(alert.id);
      received.push(alert);
      onAlert(alert);
    });
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/storywire`,
    setSecret: (secret) => {
      webhook = new Webhook(secret);
    },
    received,
    close: () => new Promise((ok) => server.close(() => ok())),
  };
}
