/**
 * What a stage name means for the app. Pure (no SST globals), so sst.config.ts's `app()` can import it
 * before any component exists, and infra files and tests share the one list.
 */

/** Stages that hold real data: resources are retained on removal and `sst remove` refuses to run. */
export const PRODUCTION_STAGES: readonly string[] = ["production", "prod"];

export const APP_NAME = "storywire";

export function isProductionStage(stage: string | undefined): boolean {
  return stage !== undefined && PRODUCTION_STAGES.includes(stage);
}

/** The object `app(input)` returns: the app lives in the user's AWS account, state included (`home: "aws"`). */
export function appSettings(stage: string | undefined) {
  const production = isProductionStage(stage);
  return {
    name: APP_NAME,
    home: "aws" as const,
    removal: production ? ("retain" as const) : ("remove" as const),
    protect: production,
  };
}
