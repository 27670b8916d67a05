import { fakeResolver, serversClosedAfterEach } from "@storywire/fetch/test-support/servers";
import { describe, expect, it } from "vitest";
import { BlockedAddressError, CredentialsInUrlError, TimeoutError, UnsupportedSchemeError } from "./errors.ts";
import { postJson } from "./post-json.ts";

const LOCAL = { allowPrivateNetworks: true } as const;

const serve = serversClosedAfterEach();

describe("postJson (webhook delivery, BAD-INPUTS 8, 31)", () => {
  it("posts JSON with the caller's headers and reports 2xx as ok", async () => {
    const server = await serve((_req, res) => {
      res.writeHead(204);
      res.end();
    });
    const result = await postJson(
      `${server.origin}/hook`,
      { type: "story.updated", id: "abc" },
      { ...LOCAL, headers: { "webhook-id": "msg_1", "webhook-signature": "v1,xyz" } },
    );
    expect(result).toEqual({ status: 204, ok: true, retryAfterMs: null });
    const request = server.requests[0];
    expect(request?.method).toBe("POST");
    expect(request?.body).toBe('{"type":"story.updated","id":"abc"}');
    expect(request?.headers["content-type"]).toBe("application/json");
    expect(request?.headers["webhook-id"]).toBe("msg_1");
    expect(request?.headers["user-agent"]).toMatch(/^Storywire\//);
  });

  it("sends a pre-serialised string body byte for byte (signatures stay valid)", async () => {
    const server = await serve((_req, res) => res.end());
    const payload = '{"b":1,  "a":"ü"}';
    await postJson(server.origin, payload, LOCAL);
    expect(server.requests[0]?.body).toBe(payload);
  });

  it("does not follow redirects: a 3xx is a failed attempt", async () => {
    const target = await serve((_req, res) => res.end("should not be reached"));
    const server = await serve((_req, res) => {
      res.writeHead(307, { Location: `${target.origin}/elsewhere` });
      res.end();
    });
    const result = await postJson(server.origin, { x: 1 }, LOCAL);
    expect(result.status).toBe(307);
    expect(result.ok).toBe(false);
    expect(target.requests).toHaveLength(0);
  });

  it("reports 410 (the caller disables the endpoint) and 503 with Retry-After", async () => {
    const server = await serve((req, res) => {
      if (req.url === "/gone") res.writeHead(410);
      else res.writeHead(503, { "Retry-After": "30" });
      res.end("<html>error page</html>");
    });
    expect(await postJson(`${server.origin}/gone`, {}, LOCAL)).toEqual({ status: 410, ok: false, retryAfterMs: null });
    expect(await postJson(`${server.origin}/busy`, {}, LOCAL)).toEqual({
      status: 503,
      ok: false,
      retryAfterMs: 30_000,
    });
  });

  it("never returns the response body, and stops reading a huge one", async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { "Content-Type": "text/plain" });
      const chunk = Buffer.alloc(64 * 1024, 0x62);
      const pump = () => {
        while (!res.destroyed && res.write(chunk)) {
          /* endless body */
        }
      };
      res.on("drain", pump);
      pump();
    });
    const started = Date.now();
    const result = await postJson(server.origin, { secret: "s" }, LOCAL);
    expect(Object.keys(result).sort()).toEqual(["ok", "retryAfterMs", "status"]);
    expect(JSON.stringify(result)).not.toContain("bbbb");
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("times out a receiver that never answers (typed error)", async () => {
    const server = await serve(() => undefined);
    const error = (await postJson(server.origin, {}, { ...LOCAL, timeoutMs: 200 }).catch(
      (e: unknown) => e,
    )) as TimeoutError;
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error.retryable).toBe(true);
  });

  it("applies the guard at every send, including names resolving to private addresses", async () => {
    const server = await serve((_req, res) => res.end());
    const lookup = fakeResolver({ "hooks.example": ["127.0.0.1"] });
    const guardOn = { allowPrivateNetworks: false, lookup };
    await expect(postJson(`http://hooks.example:${server.port}/`, {}, guardOn)).rejects.toBeInstanceOf(
      BlockedAddressError,
    );
    await expect(postJson("http://169.254.169.254/latest/meta-data/", {}, guardOn)).rejects.toBeInstanceOf(
      BlockedAddressError,
    );
    await expect(postJson("ftp://hooks.example/", {}, LOCAL)).rejects.toBeInstanceOf(UnsupportedSchemeError);
    await expect(postJson(`http://u:p@127.0.0.1:${server.port}/`, {}, LOCAL)).rejects.toBeInstanceOf(
      CredentialsInUrlError,
    );
    expect(server.connections).toBe(0);
  });
});
