/**
 * Requests Node's HTTP parser refuses before the app sees them (headers over --max-http-header-size, malformed
 * request lines): answered with a problem document like every other error, instead of Node's empty 431 / 400.
 * In AWS the Lambda Function URL front end refuses such requests itself, before the function runs; that answer
 * comes from AWS (docs/DEPLOY.md).
 */
import type { Server } from "node:http";
import type { Duplex } from "node:stream";
import { PROBLEM_CONTENT_TYPE, problem } from "@storywire/api";

const REASONS: Record<number, string> = {
  400: "Bad Request",
  408: "Request Timeout",
  414: "URI Too Long",
  431: "Request Header Fields Too Large",
};

function answer(socket: Duplex, status: 400 | 408 | 414 | 431, code: string, detail: string): void {
  const body = JSON.stringify(problem(status, code, detail));
  socket.end(
    `HTTP/1.1 ${status} ${REASONS[status]}\r\n` +
      `content-type: ${PROBLEM_CONTENT_TYPE}\r\n` +
      "x-content-type-options: nosniff\r\n" +
      `content-length: ${Buffer.byteLength(body)}\r\n` +
      "connection: close\r\n\r\n" +
      body,
  );
}

export function answerClientErrors(server: Server, maxHeaderBytes: number): void {
  server.on("clientError", (error: NodeJS.ErrnoException & { rawPacket?: Buffer }, socket: Duplex) => {
    // A reset or a socket already answered: nothing can be written.
    if (error.code === "ECONNRESET" || !socket.writable) {
      socket.destroy();
      return;
    }
    if (error.code === "HPE_HEADER_OVERFLOW") {
      // Node counts the request line with the headers: when the line alone is most of it, the URL is the problem.
      const lineEnd = error.rawPacket?.indexOf("\r\n") ?? -1;
      if (lineEnd === -1 || lineEnd > maxHeaderBytes / 2) {
        answer(
          socket,
          414,
          "uri_too_long",
          `The request URL is longer than Storywire reads (${maxHeaderBytes} bytes with the headers); shorten it.`,
        );
        return;
      }
      answer(
        socket,
        431,
        "headers_too_large",
        `The request headers are larger than ${maxHeaderBytes} bytes; send fewer or shorter headers (cookies included).`,
      );
      return;
    }
    if (error.code === "ERR_HTTP_REQUEST_TIMEOUT") {
      answer(socket, 408, "bad_request", "The request was not received in time; send it again.");
      return;
    }
    answer(socket, 400, "bad_request", "The request is not valid HTTP/1.1; check the request line and headers.");
  });
}
