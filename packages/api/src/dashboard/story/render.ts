/**
 * The story page (GET /dashboard/stories/{id}): the seed-shaped text with the evidence of its storyline scores and,
 * for an update, its new sentences marked; where it came from; its storyline scores with their evidence; its
 * framing dimensions with theirs; its event and the event's other stories with their relation.
 */
import type { Evidence, Framing, Story, StorylineScore } from "@storywire/core";
import { html } from "hono/html";
import { displayTitle } from "../../text/display-title.ts";
import { eventMembers } from "../event-members.ts";
import { formatScore, formatUtc, plural } from "../format.ts";
import {
  absoluteTime,
  type Fragment,
  framingBadge,
  outsideLink,
  relationBadge,
  sectionBody,
  storylineLink,
  timeTag,
} from "../fragments.ts";
import { highlight, type SentenceMark } from "../highlight.ts";
import { layout } from "../layout.ts";
import { storiesHref, storylineHref } from "../links.ts";
import { hostOf } from "../safe-url.ts";
import type { StoryEvent, StoryPageData } from "./load.ts";

// ---- the text ---------------------------------------------------------------------------------------------------

function scoredStorylines(story: Story): StorylineScore[] {
  return (story.storylines ?? [])
    .filter((s) => s.matched || s.score > 0)
    .sort((a, b) => Number(b.matched) - Number(a.matched) || b.score - a.score);
}

function marksOf(story: Story, titles: ReadonlyMap<string, string>): SentenceMark[] {
  const marks: SentenceMark[] = [];
  for (const s of scoredStorylines(story)) {
    const name = titles.get(s.id) ?? s.id;
    for (const e of s.evidence) {
      marks.push({
        sentence: e.sentence,
        kind: "evidence",
        note: `${name}: “${e.cue}”${s.matched ? "" : " (below threshold)"}`,
      });
    }
  }
  if (story.relation === "update") {
    for (const sentence of story.novel ?? []) marks.push({ sentence, kind: "novel", note: "new in this update" });
  }
  return marks;
}

function marked(text: string, marks: readonly SentenceMark[]): Fragment {
  return html`${highlight(text, marks).map((segment) =>
    segment.kinds.length === 0
      ? html`${segment.text}`
      : html`<mark class="${segment.kinds.join(" ")}" title="${segment.notes.join("; ")}">${segment.text}</mark>`,
  )}`;
}

function textSection(story: Story, titles: ReadonlyMap<string, string>): Fragment {
  const marks = marksOf(story, titles);
  const paragraphs = story.text.split(/\n\s*\n/).filter((p) => p.trim().length > 0);
  const hasNovel = marks.some((m) => m.kind === "novel");
  return html`<section class="card" id="text" aria-labelledby="text-h">
    <h2 id="text-h">The article <span class="count"><a href="/stories/${story.id}.txt">plain text</a></span></h2>
    ${
      marks.length > 0
        ? html`<ul class="legend" aria-label="Legend">
        <li><mark class="evidence">evidence</mark> a sentence behind a storyline score (hover for the cue)</li>
        ${hasNovel ? html`<li><mark class="novel">new</mark> a sentence this update added to its event</li>` : ""}
      </ul>`
        : ""
    }
    <div class="seed" lang="${story.language ?? ""}">
      ${story.title ? html`<p class="headline">${marked(story.title, marks)}</p>` : ""}
      ${paragraphs.length > 0 ? paragraphs.map((p) => html`<p>${marked(p, marks)}</p>`) : html`<p class="empty">This story has no text.</p>`}
    </div>
  </section>`;
}

// ---- origin -------------------------------------------------------------------------------------------------------

function originSection(data: StoryPageData): Fragment {
  const { story } = data;
  return html`<section class="card" id="origin" aria-labelledby="origin-h">
    <h2 id="origin-h">Where it came from</h2>
    <dl class="facts">
      <dt>Source</dt><dd><a href="${storiesHref({ source: story.source })}">${story.source || "—"}</a></dd>
      <dt>Feed</dt><dd>${sectionBody(data.feed, (feed) =>
        feed
          ? html`<a href="${storiesHref({ feed: feed.id })}">${feed.title || hostOf(feed.url) || feed.url}</a>
            <span class="badge ${feed.status}">${feed.status}</span><br><span class="sub">${outsideLink(feed.url, feed.url)}</span>`
          : html`<span class="sub">${story.feedId ? "the feed is no longer watched" : "not from a watched feed"}</span>`,
      )}</dd>
      <dt>Original</dt><dd>${story.url ? outsideLink(story.url, story.url) : html`<span class="sub">the item had no link</span>`}</dd>
      <dt>Author</dt><dd>${story.author || html`<span class="sub">not given</span>`}</dd>
      <dt>Published</dt><dd>${story.publishedAt ? absoluteTime(story.publishedAt, data.now) : html`<span class="sub">the feed gave no date</span>`}</dd>
      <dt>Fetched</dt><dd>${absoluteTime(story.fetchedAt, data.now)}</dd>
      <dt>Language</dt><dd>${story.language || html`<span class="sub">not detected</span>`}</dd>
      <dt>Item key</dt><dd><code>${story.key}</code></dd>
    </dl>
  </section>`;
}

// ---- storylines ---------------------------------------------------------------------------------------------------

function meter(value: number, label: string): Fragment {
  const width = Math.round(Math.max(0, Math.min(1, value)) * 100);
  return html`<span class="meter" role="img" aria-label="${label}"><svg width="90" height="8" viewBox="0 0 100 8" preserveAspectRatio="none" aria-hidden="true"><rect width="${width}" height="8"></rect></svg></span>`;
}

/** A storyline's evidence grouped by sentence: each sentence once, with the cues it matched (and where, how much). */
function evidenceBySentence(score: StorylineScore): Fragment {
  if (score.evidence.length === 0) return html`<p class="sub">No evidence recorded.</p>`;
  const bySentence = new Map<string, Evidence[]>();
  for (const e of score.evidence) bySentence.set(e.sentence, [...(bySentence.get(e.sentence) ?? []), e]);
  return html`<ul class="evidence">${[...bySentence].map(
    ([sentence, cues]) =>
      html`<li><mark class="evidence">${sentence}</mark><br><span class="sub">${cues.map(
        (e, i) =>
          html`${i > 0 ? ", " : ""}<span class="cue">${e.cue}</span>${
            e.where ? ` (${e.where}${e.weight !== undefined ? `, weight ${e.weight}` : ""})` : ""
          }`,
      )}</span></li>`,
  )}</ul>`;
}

function storylinesSection(data: StoryPageData): Fragment {
  const scores = scoredStorylines(data.story);
  const body =
    scores.length === 0
      ? html`<p class="empty">${
          data.story.storylines ? "No storyline's cues occur in this story." : "This story has not been scored yet."
        }</p>`
      : scores.map((s) => {
          const name = data.storylineTitles.get(s.id) ?? s.id;
          return html`<div class="stack" data-storyline="${s.id}">
            <h3>${storylineLink(s.id, name)}
              ${s.matched ? html`<span class="badge active">in this storyline</span>` : html`<span class="badge none">below threshold</span>`}
              ${meter(s.score, `score ${formatScore(s.score)} of 1`)} <span class="score">${formatScore(s.score)}</span></h3>
            ${evidenceBySentence(s)}
          </div>`;
        });
  return html`<section class="card" id="storylines" aria-labelledby="storylines-h">
    <h2 id="storylines-h">Storyline scores</h2>${body}
  </section>`;
}

// ---- framing ------------------------------------------------------------------------------------------------------

const SOURCING: [key: keyof Omit<Framing["sourcing"], "evidence">, name: string][] = [
  ["anonymous", "Anonymous sources"],
  ["kremlin", "Kremlin and Russian state media"],
  ["russianStateMedia", "…of which Russian state media"],
  ["ukrainian", "Ukrainian officials"],
  ["western", "Western officials"],
  ["analysts", "Analysts and think tanks"],
  ["otherNamed", "Other named sources"],
];

const percent = (x: number) => `${Math.round(x * 100)}%`;

function evidenceList(sentences: readonly string[] | undefined): Fragment {
  if (!sentences || sentences.length === 0) return html`<span class="sub">—</span>`;
  return html`<ul class="evidence">${sentences.map((s) => html`<li>${s}</li>`)}</ul>`;
}

function dimensionRow(name: string, value: Fragment | string, evidence: readonly string[] | undefined): Fragment {
  return html`<tr><th scope="row">${name}</th><td class="nowrap">${value}</td><td>${evidenceList(evidence)}</td></tr>`;
}

function stanceText(value: number): string {
  const tone = value >= 0.3 ? "peacemaker / defensive" : value <= -0.3 ? "aggressor" : "mixed or none";
  return `${value >= 0 ? "+" : ""}${value.toFixed(2)} (${tone})`;
}

function framingSection(data: StoryPageData): Fragment {
  const { framing } = data.story;
  const inStoryline = (data.story.storylines ?? []).some((s) => s.matched);
  if (!framing) {
    return html`<section class="card" id="framing" aria-labelledby="framing-h"><h2 id="framing-h">Framing</h2>
      <p class="empty">This story has not been framed yet.</p></section>`;
  }
  const s = framing.sourcing;
  const sourcing = SOURCING.filter(([key]) => s[key] > 0 || (s.evidence[key]?.length ?? 0) > 0);
  const frames = Object.entries(framing.frame.scores)
    .filter(([, v]) => v > 0)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 4);
  return html`<section class="card" id="framing" aria-labelledby="framing-h">
    <h2 id="framing-h">Framing ${framingBadge(framing)}</h2>
    ${
      inStoryline
        ? ""
        : html`<p class="note">This story is in no storyline, so its framing label says little on its own; the dimensions are shown for reference.</p>`
    }
    <p>${framing.summary}</p>
    <p class="sub">Label rule: ${framing.labelRule}</p>
    <div class="table-wrap"><table>
      <thead><tr><th scope="col">Dimension</th><th scope="col">Value</th><th scope="col">Evidence</th></tr></thead>
      <tbody>
        ${
          sourcing.length === 0
            ? dimensionRow("Sourcing", "no attributed sources", [])
            : sourcing.map(([key, name]) =>
                dimensionRow(
                  `Sourcing: ${name}`,
                  html`${meter(s[key], percent(s[key]))} ${percent(s[key])}`,
                  s.evidence[key],
                ),
              )
        }
        ${dimensionRow("Stance toward the Russian leadership", stanceText(framing.stance.value), framing.stance.evidence)}
        ${dimensionRow(
          "Naming",
          `${framing.naming.lean} (${plural(framing.naming.russian, "Russian-derived name")}, ${plural(framing.naming.ukrainian, "Ukrainian name")})`,
          framing.naming.evidence,
        )}
        ${dimensionRow("Loaded language", html`${meter(framing.loaded.value, percent(framing.loaded.value))} ${percent(framing.loaded.value)}`, framing.loaded.evidence)}
        ${dimensionRow("Hedging", html`${meter(framing.hedging.value, percent(framing.hedging.value))} ${percent(framing.hedging.value)}`, framing.hedging.evidence)}
        ${dimensionRow("Contrast", html`${meter(framing.contrast.value, percent(framing.contrast.value))} ${percent(framing.contrast.value)}`, framing.contrast.evidence)}
        <tr><th scope="row">Dominant frame</th><td class="nowrap">${framing.frame.dominant.replaceAll("_", " ")}</td>
          <td>${frames.length > 0 ? frames.map(([name, v]) => `${name.replaceAll("_", " ")} ${percent(v)}`).join(" · ") : html`<span class="sub">—</span>`}</td></tr>
      </tbody>
    </table></div>
  </section>`;
}

// ---- the event ----------------------------------------------------------------------------------------------------

function eventSection(data: StoryPageData): Fragment {
  return html`<section class="card" id="event" aria-labelledby="event-h">
    <h2 id="event-h">Its event</h2>
    ${sectionBody(data.event, (found: StoryEvent | null) => {
      if (!found) {
        return html`<p class="empty">${
          data.story.eventId
            ? "The event this story was placed in is no longer stored."
            : "This story was not placed in an event: it entered no storyline."
        }</p>`;
      }
      const { event, members } = found;
      return html`<h3><a href="${storylineHref(event.storylineId)}#event-${event.id}">${event.title || "(untitled development)"}</a></h3>
        <p class="sub">In ${storylineLink(event.storylineId, found.storylineTitle)} · started ${formatUtc(event.startedAt) ?? "—"} ·
          ${plural(members.length, "story", "stories")}</p>
        ${eventMembers(members, data.now, data.story.id)}`;
    })}
  </section>`;
}

// ---- page ---------------------------------------------------------------------------------------------------------

export function renderStoryPage(data: StoryPageData): Fragment {
  const { story } = data;
  const title = displayTitle(story);
  return layout(
    {
      title,
      nav: "stories",
      now: data.now,
      lede: html`<span class="story-meta">
        <span>${story.source}</span>
        ${story.publishedAt ? html`<span>${timeTag(story.publishedAt, data.now)}</span>` : ""}
        ${story.relation ? relationBadge(story.relation) : ""}
        ${story.url ? outsideLink(story.url, "original article ↗") : ""}
        <a href="/stories/${story.id}">JSON</a>
      </span>`,
    },
    html`${textSection(story, data.storylineTitles)}${storylinesSection(data)}${framingSection(data)}${eventSection(data)}${originSection(data)}`,
  );
}
