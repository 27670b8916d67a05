import { afterAll, describe, expect, it } from "vitest";
import { loadSstApp } from "./testing/load-app.ts";
import { fixedIntervalSeconds, parseScheduleExpression } from "./testing/schedule-expression.ts";
import { removeSstStandIns } from "./testing/sst-stand-ins.ts";

afterAll(removeSstStandIns);

describe("the Schedule", () => {
  it("is one valid EventBridge Scheduler expression that fires every minute", async () => {
    const { recorder } = await loadSstApp("dev");
    const crons = recorder.ofType("sst.aws.CronV2");
    expect(crons.map((cron) => cron.name)).toEqual(["Schedule"]);
    const parsed = parseScheduleExpression(String(crons[0]?.args.schedule));
    expect(fixedIntervalSeconds(parsed)).toBe(60);
    expect(crons[0]?.args.enabled ?? true).toBe(true);
  });

  it("targets the schedule handler, without retries (the next tick is the retry)", async () => {
    const { recorder } = await loadSstApp("dev");
    const target = recorder.get("sst.aws.CronV2", "Schedule").args.function as Record<string, unknown>;
    expect(target.handler).toBe("functions/schedule.handler");
    expect(target.retries).toBe(0);
    expect(recorder.get("sst.aws.CronV2", "Schedule").args.retries ?? 0).toBe(0);
  });
});

describe("parseScheduleExpression", () => {
  it.each([
    ["rate(1 minute)", 60],
    ["rate(5 minutes)", 300],
    ["rate(1 hour)", 3600],
    ["rate(2 days)", 172_800],
    ["cron(* * * * ? *)", 60],
    ["cron(0/1 * ? * MON-FRI *)", 60],
  ])("%s fires every %i seconds", (expression, seconds) => {
    expect(fixedIntervalSeconds(parseScheduleExpression(expression))).toBe(seconds);
  });

  it.each(["cron(15 10 * * ? *)", "cron(0 12 ? * MON-FRI *)", "at(2027-06-01T10:00:00)"])(
    "%s is valid but not a fixed interval",
    (expression) => {
      expect(fixedIntervalSeconds(parseScheduleExpression(expression))).toBeUndefined();
    },
  );

  it.each([
    "rate(1 minutes)",
    "rate(5 minute)",
    "rate(0 minutes)",
    "rate(1 second)",
    "rate(1minute)",
    "cron(* * * * *)",
    "cron(* * * * * *)",
    "cron(* * ? * ? *)",
    "at(2027-13-45T10:00:00)",
    "every minute",
    "*/1 * * * *",
  ])("rejects %s", (expression) => {
    expect(() => parseScheduleExpression(expression)).toThrow(/Invalid schedule expression/);
  });
});
