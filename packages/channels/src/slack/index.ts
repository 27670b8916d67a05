export { escapeSlack, slackLink } from "./escape.ts";
export { renderSlack, type SlackBlock, type SlackMessage } from "./render.ts";
