/** The Storywire release, shown by the CLI, the API's /health and OpenAPI document, and the dashboard. */
export const STORYWIRE_VERSION = "0.1.0";
