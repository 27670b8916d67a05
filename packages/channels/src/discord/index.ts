export { discordLink, escapeDiscord } from "./escape.ts";
export { type DiscordEmbed, type DiscordField, type DiscordMessage, renderDiscord } from "./render.ts";
