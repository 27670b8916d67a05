/** The dashboard's only stylesheet, served at /assets/dashboard.css (the CSP allows no inline styles). */
export const DASHBOARD_CSS = `
:root {
  color-scheme: light dark;
  --bg: #f5f6f8; --card: #ffffff; --text: #1d2330; --muted: #5b6676; --line: #dde2e9; --head: #14213d;
  --link: #1f5fbf; --zebra: #f7f8fa; --mark-ev: #fff0b3; --mark-novel: #d7f5df; --focus: #f0a500;
  --ok-bg: #e3f4e8; --ok: #17663a; --warn-bg: #fff2d6; --warn: #7a5000; --off-bg: #eceef1; --off: #454e5b;
  --bad-bg: #fde8e8; --bad: #9b1c1c; --info-bg: #e5eefc; --info: #1f4fa3;
  --c-first: #2f6fd6; --c-update: #2e9d5b; --c-duplicate: #a3acb9;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #11151c; --card: #1a2029; --text: #e3e8ef; --muted: #a3aebd; --line: #2c3440; --head: #0b1424;
    --link: #8db8ff; --zebra: #1e252f; --mark-ev: #5a4a0c; --mark-novel: #1d4a2c;
    --ok-bg: #183825; --ok: #8fe0ae; --warn-bg: #3d3015; --warn: #f5cd7a; --off-bg: #2a313c; --off: #c3cbd6;
    --bad-bg: #3e1c1c; --bad: #f7a8a8; --info-bg: #1c2c48; --info: #a9c6ff;
    --c-duplicate: #6b7685;
  }
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--text);
  font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif; }
a { color: var(--link); text-decoration: underline; text-decoration-thickness: 1px; text-underline-offset: 2px; }
a:hover, a:focus { text-decoration-thickness: 2px; }
header.top a, .chips a, ol.events .title a, td.story-title > a:first-child, h3 a { text-decoration: none; }
header.top a:hover, .chips a:hover, ol.events .title a:hover, td.story-title > a:first-child:hover, h3 a:hover { text-decoration: underline; }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
.skip { position: absolute; left: -9999px; top: 0; background: var(--card); padding: 8px 12px; z-index: 10; }
.skip:focus { left: 8px; top: 8px; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
header.top { background: var(--head); color: #f2f5fa; padding: 14px 24px; }
header.top .bar { max-width: 1240px; margin: 0 auto; display: flex; flex-wrap: wrap; align-items: baseline; gap: 8px 18px; }
header.top .brand { margin: 0; font-size: 20px; font-weight: 700; letter-spacing: 0.02em; color: #f2f5fa; }
header.top .version { font-size: 12px; color: #c5cedc; }
header.top nav ul { margin: 0 0 0 auto; padding: 0; list-style: none; display: flex; flex-wrap: wrap; gap: 4px 16px; }
header.top nav { margin-left: auto; }
header.top a { color: #c9dcff; }
header.top a[aria-current="page"] { color: #ffffff; font-weight: 600; text-decoration: underline; }
header.top .meta { max-width: 1240px; margin: 4px auto 0; font-size: 12px; color: #c5cedc; }
main { max-width: 1240px; margin: 0 auto; padding: 20px 24px 40px; }
main > h1 { margin: 0 0 4px; font-size: 22px; line-height: 1.3; }
main > .lede { margin: 0 0 16px; color: var(--muted); }
section.card { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 16px 18px;
  margin-bottom: 20px; }
section.card > h2 { margin: 0 0 12px; font-size: 16px; display: flex; flex-wrap: wrap; align-items: baseline; gap: 10px; }
section.card > h2 .count { font-size: 12px; font-weight: normal; color: var(--muted); }
h3 { font-size: 15px; margin: 0 0 4px; }
.grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(360px, 100%), 1fr)); gap: 14px; }
article.storyline { border: 1px solid var(--line); border-radius: 6px; padding: 12px 14px; }
article.storyline .desc { margin: 0 0 8px; color: var(--muted); font-size: 13px; }
.links { display: flex; flex-wrap: wrap; gap: 4px 12px; font-size: 13px; margin-bottom: 8px; }
.links a[aria-current] { font-weight: 700; text-decoration: none; color: var(--text); }
ol.events { list-style: none; margin: 0; padding: 0; }
ol.events > li { padding: 6px 0; border-top: 1px solid var(--line); }
ol.events .title { font-weight: 600; }
.sub { color: var(--muted); font-size: 12px; }
.relations { display: flex; gap: 6px; flex-wrap: wrap; margin-top: 4px; }
.empty, .error, .note { margin: 0; padding: 10px 12px; border-radius: 6px; font-size: 13px; }
.empty, .note { background: var(--zebra); color: var(--muted); }
.note { margin-bottom: 10px; }
.error { background: var(--bad-bg); color: var(--bad); }
.error ul { margin: 4px 0 0; padding-left: 20px; }
.table-wrap { overflow-x: auto; }
table { width: 100%; border-collapse: collapse; font-size: 13px; }
th, td { text-align: left; vertical-align: top; padding: 7px 10px; border-bottom: 1px solid var(--line); }
th { font-size: 11px; text-transform: uppercase; letter-spacing: 0.05em; color: var(--muted); font-weight: 600;
  white-space: nowrap; }
tbody th { text-transform: none; letter-spacing: normal; font-size: 13px; color: var(--text); white-space: normal; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
tbody tr:nth-child(even) { background: var(--zebra); }
td.url { word-break: break-all; min-width: 200px; max-width: 420px; }
td.nowrap, .nowrap { white-space: nowrap; }
td.story-title { min-width: 260px; }
a.original { display: inline-block; min-height: 24px; line-height: 24px; font-size: 12px; white-space: nowrap; }
.badge { display: inline-block; padding: 1px 8px; border-radius: 999px; font-size: 11px; font-weight: 600;
  white-space: nowrap; }
.badge.active, .badge.update { background: var(--ok-bg); color: var(--ok); }
.badge.failing { background: var(--warn-bg); color: var(--warn); }
.badge.disabled, .badge.paused, .badge.duplicate, .badge.none { background: var(--off-bg); color: var(--off); }
.badge.first { background: var(--info-bg); color: var(--info); }
.badge.label { background: var(--off-bg); color: var(--text); font-weight: 500; }
.badge.this { background: var(--head); color: #ffffff; }
.lasterror { display: block; margin-top: 3px; color: var(--bad); font-size: 12px; word-break: break-word; }
ul.scores { list-style: none; margin: 0; padding: 0; }
ul.scores li + li { margin-top: 2px; }
ul.scores .score { white-space: nowrap; }
.score { font-variant-numeric: tabular-nums; color: var(--muted); }
/* forms */
form.filters { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(200px, 100%), 1fr)); gap: 10px 14px;
  align-items: start; }
form.filters .wide { grid-column: 1 / -1; }
.field { display: flex; flex-direction: column; gap: 3px; }
.field > label, label.field { font-size: 12px; color: var(--muted); font-weight: 600; }
fieldset { border: 1px solid var(--line); border-radius: 6px; margin: 0; padding: 6px 10px 8px; min-width: 0; }
fieldset:disabled { opacity: 0.7; }
legend { font-size: 12px; color: var(--muted); font-weight: 600; padding: 0 4px; }
fieldset label { display: inline-flex; align-items: center; gap: 4px; margin: 2px 10px 2px 0; font-size: 13px;
  color: var(--text); font-weight: normal; }
input, select, textarea, button { font: inherit; color: var(--text); background: var(--card);
  border: 1px solid #8792a2; border-radius: 5px; padding: 5px 8px; }
input[type="checkbox"] { padding: 0; }
button { cursor: pointer; background: var(--head); color: #ffffff; border-color: var(--head); font-weight: 600; }
button.secondary { background: var(--card); color: var(--link); border-color: #8792a2; }
button:disabled { cursor: not-allowed; opacity: 0.6; }
.actions { display: flex; flex-wrap: wrap; gap: 10px; align-items: center; }
.chips { display: flex; flex-wrap: wrap; gap: 6px; margin: 12px 0 0; padding: 0; list-style: none; }
.chips a { display: inline-block; padding: 2px 10px; border-radius: 999px; background: var(--info-bg); color: var(--info);
  font-size: 12px; }
.pager { display: flex; gap: 16px; margin-top: 12px; }
.stack > * + * { margin-top: 14px; }
.flash { padding: 10px 12px; border-radius: 6px; font-size: 13px; margin-bottom: 20px; }
.flash:focus { outline: none; }
.flash:empty { display: none; }
.flash.ok { background: var(--ok-bg); color: var(--ok); }
.flash.bad { background: var(--bad-bg); color: var(--bad); }
.flash p { margin: 0; }
.flash ul { margin: 4px 0 0; padding-left: 20px; }
.keystate { font-size: 13px; color: var(--muted); }
/* the story page */
.story-meta { display: flex; flex-wrap: wrap; gap: 4px 16px; color: var(--muted); font-size: 13px; margin: 0 0 16px; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 8px 14px; margin: 0; font-size: 13px; line-height: 1.6; }
dl.facts dt { color: var(--muted); font-weight: 600; }
dl.facts dd { margin: 0; word-break: break-word; }
.seed { font-size: 15px; line-height: 1.65; max-width: 78ch; }
.seed .headline { font-weight: 700; font-size: 17px; }
.seed p { margin: 0 0 1em; }
mark { color: var(--text); border-radius: 3px; padding: 0 1px; }
mark.evidence { background: var(--mark-ev); }
mark.novel { background: var(--mark-novel); box-shadow: inset 0 -2px 0 var(--c-update); }
mark.evidence.novel { background: linear-gradient(var(--mark-ev), var(--mark-novel)); }
.legend { display: flex; flex-wrap: wrap; gap: 4px 14px; font-size: 12px; color: var(--muted); margin: 0 0 10px;
  padding: 0; list-style: none; }
.legend li { display: inline-flex; align-items: center; gap: 5px; }
.swatch { display: inline-block; width: 12px; height: 12px; border-radius: 3px; background: var(--c, #999); }
ul.evidence { margin: 4px 0 0; padding-left: 18px; font-size: 13px; }
ul.evidence li { margin: 2px 0; }
.cue { font-weight: 600; }
.where { color: var(--muted); font-size: 12px; }
.meter { display: inline-block; vertical-align: middle; width: 90px; height: 8px; border-radius: 4px;
  background: var(--off-bg); overflow: hidden; }
.meter > svg { display: block; }
.meter rect { fill: var(--link); }
ol.members { list-style: none; margin: 0; padding: 0; }
ol.members > li { padding: 8px 0; border-top: 1px solid var(--line); }
ol.members > li.current { background: var(--zebra); }
ul.novel { margin: 4px 0 0; padding-left: 18px; font-size: 13px; }
/* the storyline page */
.chart { width: 100%; height: auto; max-width: 900px; display: block; }
.chart text { fill: var(--muted); font-size: 11px; }
.chart text.outlet { fill: var(--text); font-size: 12px; }
.chart line.axis { stroke: var(--line); }
.chart .first { fill: var(--c-first); }
.chart .update { fill: var(--c-update); }
.chart .duplicate { fill: var(--c-duplicate); }
.chart rect.seg { fill: var(--c, #999); }
.swatch.first { background: var(--c-first); }
.swatch.update { background: var(--c-update); }
.swatch.duplicate { background: var(--c-duplicate); }
.lbl-0 { --c: #c2362b; } .lbl-1 { --c: #2d6cd0; } .lbl-2 { --c: #8a46b0; } .lbl-3 { --c: #6f7b86; }
.lbl-4 { --c: #14907a; } .lbl-5 { --c: #e07b1a; } .lbl-6 { --c: #d4b10a; } .lbl-7 { --c: #b7c0ca; } .lbl-x { --c: #444c57; }
details { margin-top: 10px; }
summary { cursor: pointer; color: var(--link); font-size: 13px; }
.spread { font-size: 12px; color: var(--muted); margin-top: 4px; }
@media (max-width: 640px) {
  header.top { padding: 12px 14px; }
  main { padding: 14px 10px 30px; }
  section.card { padding: 12px; }
  header.top nav { margin-left: 0; }
  dl.facts { grid-template-columns: 1fr; }
}
footer { max-width: 1240px; margin: 0 auto; padding: 0 24px 30px; color: var(--muted); font-size: 12px; }
`;
