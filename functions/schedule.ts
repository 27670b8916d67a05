/** Lambda entry: every minute (EventBridge Scheduler), queue due feeds and sweep due delivery retries. */
import { runSchedule } from "@storywire/pipeline/schedule";
import { lambdaContext } from "./lib/context.ts";

export async function handler(): Promise<{ feeds: number; deliveries: number }> {
  const { deps } = await lambdaContext();
  // Stories stored before the story lists existed are listed a batch per run (one read once that is done).
  await deps.store.upgradeStoryLists();
  return runSchedule(deps);
}
