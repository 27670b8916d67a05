export {
  composePipeline,
  DEFAULT_EMAIL_FROM,
  type Parts,
  type Pipeline,
  type PipelineBase,
  type Platform,
  withParts,
} from "./compose.ts";
export { DEFAULT_FEEDS } from "./default-feeds.ts";
export {
  type Config,
  ConfigError,
  ConfigSchema,
  type ConfigSources,
  parseConfig,
  SETTINGS,
  type SettingKey,
} from "./settings.ts";
