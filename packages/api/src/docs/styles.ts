/** The reference page's only stylesheet, served as /assets/docs.css (the CSP refuses inline styles). */
export const DOCS_CSS = `
:root { color-scheme: light dark; --bg: #f7f8fa; --card: #fff; --text: #1d2330; --muted: #5f6b7a; --line: #e2e6ec;
  --link: #1f5fbf; --code: #eef1f5; --get: #1f6f43; --post: #1f4fa3; --patch: #8a5a00; --delete: #9b1c1c; }
@media (prefers-color-scheme: dark) {
  :root { --bg: #11151c; --card: #1a2029; --text: #e3e8ef; --muted: #9aa6b6; --line: #2c3440; --link: #8db8ff;
    --code: #232b36; --get: #8fe0ae; --post: #a9c6ff; --patch: #f5cd7a; --delete: #f7a8a8; }
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--text);
  font: 14px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif; }
a { color: var(--link); text-decoration: none; } a:hover, a:focus { text-decoration: underline; }
code, pre { font: 12.5px/1.45 ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace; }
code { background: var(--code); padding: 0 4px; border-radius: 3px; }
pre { background: var(--code); padding: 10px 12px; border-radius: 6px; overflow-x: auto; }
header { padding: 18px 24px; border-bottom: 1px solid var(--line); background: var(--card); }
header h1 { margin: 0; font-size: 22px; } header .version { font-size: 13px; color: var(--muted); font-weight: normal; }
header p { margin: 4px 0; color: var(--muted); } header nav a { margin-right: 14px; }
.layout { display: grid; grid-template-columns: minmax(220px, 300px) 1fr; gap: 0; }
aside { border-right: 1px solid var(--line); padding: 12px 16px; position: sticky; top: 0; align-self: start;
  max-height: 100vh; overflow-y: auto; font-size: 13px; }
aside h2 { font-size: 12px; text-transform: uppercase; letter-spacing: 0.06em; color: var(--muted); margin: 14px 0 4px; }
aside ul { list-style: none; margin: 0; padding: 0; } aside li { margin: 2px 0; word-break: break-all; }
main { padding: 8px 28px 60px; max-width: 1100px; }
h2.section { text-transform: capitalize; border-bottom: 1px solid var(--line); padding-bottom: 4px; margin-top: 32px; }
section.op { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 12px 16px; margin: 14px 0; }
section.op h3 { margin: 0; font-size: 15px; word-break: break-all; } section.op h4 { margin: 12px 0 4px; font-size: 13px; }
.summary { margin: 4px 0; font-weight: 600; }
.method { display: inline-block; min-width: 54px; text-align: center; font: 700 11px/18px ui-monospace, monospace;
  border: 1px solid currentColor; border-radius: 4px; padding: 0 4px; }
.method.get { color: var(--get); } .method.post { color: var(--post); } .method.put, .method.patch { color: var(--patch); }
.method.delete { color: var(--delete); }
.key { font-size: 11px; border: 1px solid var(--muted); color: var(--muted); border-radius: 10px; padding: 0 7px; }
.req { font-size: 11px; color: var(--delete); } .type { color: var(--muted); } .example { color: var(--muted); }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { text-align: left; vertical-align: top; padding: 4px 8px; border-bottom: 1px solid var(--line); }
ul.fields { margin: 2px 0 2px 0; padding-left: 18px; font-size: 13px; }
dl.responses { display: grid; grid-template-columns: 48px 1fr; gap: 4px 8px; margin: 0; font-size: 13px; }
dl.responses dt { font-weight: 700; } dl.responses dd { margin: 0; }
dt.s2 { color: var(--get); } dt.s4, dt.s5 { color: var(--delete); }
@media (max-width: 800px) { .layout { grid-template-columns: 1fr; } aside { position: static; max-height: none;
  border-right: 0; border-bottom: 1px solid var(--line); } }
`;
