/**
 * The composition root hands the store the runtime's in-process documents when it has them (the local runtime's
 * embedded DynamoDB), and otherwise builds an AWS SDK client for the configured endpoint.
 */
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import type { DocumentSender } from "@storywire/store";
import { describe, expect, it } from "vitest";
import { silentLogger } from "../ports.ts";
import { composePipeline } from "./compose.ts";
import { parseConfig } from "./settings.ts";

const queue = { send: async () => undefined };

describe("composePipeline's store", () => {
  it("sends through the runtime's documents when it passes them", async () => {
    const sent: string[] = [];
    const documents = {
      send: async (command: object) => {
        sent.push(command.constructor.name);
        return { $metadata: {} };
      },
    } as unknown as DocumentSender;
    const config = parseConfig({ env: {} });
    const { store } = composePipeline(config, { queue, logger: silentLogger, documents }, {});
    expect(await store.getFeed("0123456789abcdef")).toBeNull();
    expect(sent).toEqual([GetCommand.name]);
  });

  it("talks to the configured endpoint through the AWS SDK otherwise", async () => {
    // Nothing listens on port 1: the SDK's request fails, which shows the request went over the network.
    const config = parseConfig({ env: { STORYWIRE_DYNAMO_ENDPOINT: "http://127.0.0.1:1" } });
    const { store } = composePipeline(config, { queue, logger: silentLogger }, {});
    await expect(store.getFeed("0123456789abcdef")).rejects.toThrow(/could not be reached|ECONNREFUSED|in time/);
  });
});
