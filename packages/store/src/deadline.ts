/**
 * One deadline over every attempt of a store operation. The SDK bounds each attempt (client.ts) and retries;
 * this bounds the whole: the request is aborted when the deadline passes, which ends the retries too.
 */
import type { DocumentSender } from "./db.ts";

type Send = DocumentSender["send"];

/** The same client, whose `send` aborts after `ms` unless the caller passes its own abortSignal. */
export function withDeadline(doc: DocumentSender, ms: number): DocumentSender {
  const send = ((command: Parameters<Send>[0], options?: { abortSignal?: AbortSignal }) =>
    doc.send(command as never, { abortSignal: AbortSignal.timeout(ms), ...options })) as unknown as Send;
  return new Proxy(doc, {
    get(target, property, receiver) {
      if (property === "send") return send;
      return Reflect.get(target, property, receiver);
    },
  });
}
