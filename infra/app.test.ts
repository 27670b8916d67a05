import { afterAll, describe, expect, it } from "vitest";
import { loadSstApp } from "./testing/load-app.ts";
import { removeSstStandIns } from "./testing/sst-stand-ins.ts";

afterAll(removeSstStandIns);

describe("sst.config.ts app()", () => {
  it.each([
    { stage: "dev", removal: "remove", protect: false },
    { stage: "alice", removal: "remove", protect: false },
    { stage: "production", removal: "retain", protect: true },
    { stage: "prod", removal: "retain", protect: true },
    { stage: "Prod", removal: "remove", protect: false },
    { stage: "production-copy", removal: "remove", protect: false },
  ])("stage $stage: removal $removal, protect $protect", async ({ stage, removal, protect }) => {
    const { app } = await loadSstApp(stage);
    expect(app).toEqual({ name: "storywire", home: "aws", removal, protect });
  });
});

describe("sst.config.ts run()", () => {
  it("outputs the API URL, the table name and every queue URL", async () => {
    const { outputs } = await loadSstApp("dev");
    expect(outputs).toEqual({
      api: "<Api.url>",
      table: "<StoryTable.name>",
      fetchQueue: "<FetchQueue.url>",
      fetchDeadLetters: "<FetchDeadLetters.url>",
      deliveryQueue: "<DeliveryQueue.url>",
      deliveryDeadLetters: "<DeliveryDeadLetters.url>",
    });
  });

  it("creates exactly the components the functions link to by name", async () => {
    const { recorder } = await loadSstApp("dev");
    const names = recorder.components.map((component) => `${component.type} ${component.name}`).sort();
    expect(names).toEqual([
      "sst.aws.CronV2 Schedule",
      "sst.aws.Dynamo StoryTable",
      "sst.aws.Function Api",
      "sst.aws.Queue DeliveryDeadLetters",
      "sst.aws.Queue DeliveryQueue",
      "sst.aws.Queue FetchDeadLetters",
      "sst.aws.Queue FetchQueue",
      "sst.sst.Secret AdminApiKey",
      "sst.sst.Secret EmailFrom",
      "sst.sst.Secret PreviousAdminApiKey",
    ]);
  });

  it("requires AdminApiKey to be set and lets EmailFrom default to empty (email disabled)", async () => {
    const { recorder } = await loadSstApp("dev");
    expect(recorder.get("sst.sst.Secret", "AdminApiKey").args.placeholder).toBeUndefined();
    expect(recorder.get("sst.sst.Secret", "EmailFrom").args.placeholder).toBe("");
    expect(recorder.get("sst.sst.Secret", "PreviousAdminApiKey").args.placeholder).toBe("");
  });

  it.each([
    { stage: "dev", deletionProtection: false },
    { stage: "production", deletionProtection: true },
    { stage: "prod", deletionProtection: true },
  ])("stage $stage: table deletion protection $deletionProtection", async ({ stage, deletionProtection }) => {
    const { recorder } = await loadSstApp(stage);
    expect(recorder.get("sst.aws.Dynamo", "StoryTable").args.deletionProtection).toBe(deletionProtection);
  });
});
