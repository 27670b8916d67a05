// biome-ignore lint/suspicious/noTsIgnore: must stay silent when .sst/platform exists; @ts-expect-error would then fail
// @ts-ignore -- `sst install`/`sst deploy` generate .sst/platform; without it this repo type-checks against types/sst-globals.d.ts
/// <reference path="./.sst/platform/config.d.ts" />
/** Storywire on AWS: `npx sst deploy --stage <name>` (docs/DEPLOY.md). Components live in infra/. */
export default $config({
  async app(input) {
    const { appSettings } = await import("./infra/stage.ts");
    return appSettings(input?.stage);
  },
  async run() {
    // First: links then carry names only, and each function gets its own grants (infra/permissions.ts).
    const { linkNamesOnly } = await import("./infra/permissions.ts");
    linkNamesOnly();
    const { table } = await import("./infra/storage.ts");
    const queues = await import("./infra/queues.ts");
    const { api } = await import("./infra/api.ts");
    await import("./infra/pipeline.ts");
    return {
      api: api.url,
      table: table.name,
      fetchQueue: queues.fetchQueue.url,
      fetchDeadLetters: queues.fetchDeadLetters.url,
      deliveryQueue: queues.deliveryQueue.url,
      deliveryDeadLetters: queues.deliveryDeadLetters.url,
    };
  },
});
