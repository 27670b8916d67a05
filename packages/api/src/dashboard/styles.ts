/** The dashboard's only stylesheet, inlined in the page (the CSP allows inline styles and nothing else). */
export const DASHBOARD_CSS = `
:root {
  color-scheme: light dark;
  --bg: #f5f6f8; --card: #ffffff; --text: #1d2330; --muted: #5f6b7a; --line: #e2e6ec; --head: #14213d;
  --link: #1f5fbf; --zebra: #fafbfc;
  --ok-bg: #e3f4e8; --ok: #17663a; --warn-bg: #fff2d6; --warn: #8a5a00; --off-bg: #eceef1; --off: #4a5361;
  --bad-bg: #fde8e8; --bad: #9b1c1c; --info-bg: #e5eefc; --info: #1f4fa3;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #11151c; --card: #1a2029; --text: #e3e8ef; --muted: #9aa6b6; --line: #2c3440; --head: #0b1424;
    --link: #8db8ff; --zebra: #1e252f;
    --ok-bg: #183825; --ok: #8fe0ae; --warn-bg: #3d3015; --warn: #f5cd7a; --off-bg: #2a313c; --off: #b7c0cc;
    --bad-bg: #3e1c1c; --bad: #f7a8a8; --info-bg: #1c2c48; --info: #a9c6ff;
  }
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--text);
  font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif; }
a { color: var(--link); text-decoration: none; }
a:hover, a:focus { text-decoration: underline; }
header.top { background: var(--head); color: #f2f5fa; padding: 14px 24px; }
header.top .bar { max-width: 1240px; margin: 0 auto; display: flex; flex-wrap: wrap; align-items: baseline; gap: 8px 18px; }
header.top h1 { margin: 0; font-size: 20px; letter-spacing: 0.02em; }
header.top .version { font-size: 12px; opacity: 0.75; }
header.top nav { margin-left: auto; display: flex; gap: 14px; }
header.top a { color: #c9dcff; }
header.top .meta { max-width: 1240px; margin: 4px auto 0; font-size: 12px; color: #b4bfd0; }
main { max-width: 1240px; margin: 0 auto; padding: 20px 24px 40px; }
section.card { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 16px 18px;
  margin-bottom: 20px; }
section.card > h2 { margin: 0 0 12px; font-size: 16px; display: flex; align-items: baseline; gap: 10px; }
section.card > h2 .count { font-size: 12px; font-weight: normal; color: var(--muted); }
.grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(360px, 100%), 1fr)); gap: 14px; }
article.storyline { border: 1px solid var(--line); border-radius: 6px; padding: 12px 14px; }
article.storyline h3 { margin: 0 0 2px; font-size: 15px; }
article.storyline .desc { margin: 0 0 8px; color: var(--muted); font-size: 13px; }
.links { display: flex; flex-wrap: wrap; gap: 4px 12px; font-size: 12px; margin-bottom: 8px; }
ol.events { list-style: none; margin: 0; padding: 0; }
ol.events li { padding: 6px 0; border-top: 1px solid var(--line); }
ol.events .title { font-weight: 600; }
.sub { color: var(--muted); font-size: 12px; }
.relations { display: flex; gap: 6px; flex-wrap: wrap; margin-top: 4px; }
.empty, .error { margin: 0; padding: 10px 12px; border-radius: 6px; font-size: 13px; }
.empty { background: var(--zebra); color: var(--muted); }
.error { background: var(--bad-bg); color: var(--bad); }
.table-wrap { overflow-x: auto; }
table { width: 100%; border-collapse: collapse; font-size: 13px; }
th, td { text-align: left; vertical-align: top; padding: 7px 10px; border-bottom: 1px solid var(--line); }
th { font-size: 11px; text-transform: uppercase; letter-spacing: 0.05em; color: var(--muted); font-weight: 600;
  white-space: nowrap; }
tbody tr:nth-child(even) { background: var(--zebra); }
td.url { word-break: break-all; min-width: 200px; max-width: 420px; }
td.nowrap, .nowrap { white-space: nowrap; }
td.story-title { min-width: 260px; }
.badge { display: inline-block; padding: 1px 8px; border-radius: 999px; font-size: 11px; font-weight: 600;
  white-space: nowrap; }
.badge.active, .badge.update { background: var(--ok-bg); color: var(--ok); }
.badge.failing { background: var(--warn-bg); color: var(--warn); }
.badge.disabled, .badge.duplicate, .badge.none { background: var(--off-bg); color: var(--off); }
.badge.first { background: var(--info-bg); color: var(--info); }
.badge.label { background: var(--off-bg); color: var(--text); font-weight: 500; }
.lasterror { display: block; margin-top: 3px; color: var(--bad); font-size: 12px; word-break: break-word; }
ul.scores { list-style: none; margin: 0; padding: 0; }
ul.scores li { white-space: nowrap; }
.score { font-variant-numeric: tabular-nums; color: var(--muted); }
@media (max-width: 640px) {
  header.top { padding: 12px 14px; }
  main { padding: 14px 10px 30px; }
  section.card { padding: 12px; }
  header.top nav { margin-left: 0; }
}
footer { max-width: 1240px; margin: 0 auto; padding: 0 24px 30px; color: var(--muted); font-size: 12px; }
`;
