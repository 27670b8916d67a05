/**
 * Runs sst.config.ts the way `sst deploy` does (app(), then run() with $app set from its result) against
 * the recording stand-ins. Modules are reset first, so every call evaluates sst.config.ts and infra/ afresh.
 */
import { vi } from "vitest";
import { installSstStandIns, type SstRecorder, type StandInOptions } from "./sst-stand-ins.ts";

type AppSettings = Awaited<ReturnType<typeof import("../../sst.config.ts")["default"]["app"]>>;

export interface LoadedApp {
  /** What app({ stage }) returned. */
  app: AppSettings;
  /** What run() returned: the outputs `sst deploy` prints. */
  outputs: Record<string, unknown>;
  recorder: SstRecorder;
}

export async function loadSstApp(stage: string, options: StandInOptions = {}): Promise<LoadedApp> {
  vi.resetModules();
  // $config must exist while sst.config.ts is imported; $app is replaced once app() has answered.
  installSstStandIns({ name: "", stage, removal: "retain", protect: false });
  const { default: config } = await import("../../sst.config.ts");
  const app = await config.app({ stage });
  const recorder = installSstStandIns(
    {
      name: app.name,
      stage,
      // SST's defaults when app() leaves them out.
      removal: app.removal ?? "retain",
      protect: app.protect ?? false,
    },
    options,
  );
  const outputs = (await config.run()) ?? {};
  return { app, outputs, recorder };
}
