/**
 * An event's stories as a list, the same on the story page and the storyline page: relation, title (a link, or
 * "this story"), outlet, time, framing label, and for an update the sentences it added, marked.
 */
import { html } from "hono/html";
import type { TimelineStory } from "../timeline/load.ts";
import { type Fragment, labelClass, relationBadge, storyLink, swatch, timeTag } from "./fragments.ts";

function memberItem(story: TimelineStory, now: Date, currentId: string | undefined): Fragment {
  const current = story.id === currentId;
  return html`<li${current ? html` class="current"` : ""} data-story-id="${story.id}">
    ${relationBadge(story.relation)} ${current ? html`<span class="badge this">this story</span> ${story.title}` : storyLink(story.id, story.title)}
    <div class="sub">${story.source} · ${timeTag(story.publishedAt ?? story.at, now)}${
      story.framingLabel ? html` · ${swatch(labelClass(story.framingLabel))} ${story.framingLabel}` : ""
    }</div>
    ${
      story.novel.length > 0
        ? html`<ul class="novel" aria-label="New sentences">${story.novel.map((n) => html`<li><mark class="novel">${n}</mark></li>`)}</ul>`
        : ""
    }
  </li>`;
}

/** The event's stories, oldest first as given; `currentId` is the story whose page this is. */
export function eventMembers(stories: readonly TimelineStory[], now: Date, currentId?: string): Fragment {
  return html`<ol class="members">${stories.map((s) => memberItem(s, now, currentId))}</ol>`;
}
