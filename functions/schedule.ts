/** Lambda entry: every minute (EventBridge Scheduler), queue due feeds and sweep due delivery retries. */
import { runSchedule } from "@storywire/pipeline/schedule";
import type { Context, ScheduledEvent } from "aws-lambda";
import { lambdaPipeline } from "./lib/context.ts";
import { logContext } from "./lib/logger.ts";

export async function handler(
  _event?: ScheduledEvent,
  context?: Context,
): Promise<{ feeds: number; deliveries: number }> {
  logContext(context);
  const deps = await lambdaPipeline({});
  // Stories stored before the story lists existed are listed a batch per run (one read once that is done).
  await deps.store.upgradeStoryLists();
  return runSchedule(deps);
}
