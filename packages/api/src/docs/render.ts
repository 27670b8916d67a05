/**
 * GET /docs: the API reference as one server-rendered HTML page, generated from the app's own OpenAPI document, so
 * it can never disagree with what the app serves. No script, no font, no CDN: its stylesheet is the app's own
 * /assets/docs.css, so it works offline and under the dashboard's strict CSP (no inline style), and adds a few KB to the Lambda bundle (an interactive UI such as Swagger UI, Redoc or Scalar ships 1-3 MB
 * of JavaScript, which alone would break the 1.5 MB API bundle budget). Every value goes through hono's `html`
 * template, which escapes it.
 */
import { html } from "hono/html";
import { assetHref } from "../dashboard/assets/index.ts";

type Fragment = ReturnType<typeof html>;
// biome-ignore lint/suspicious/noExplicitAny: an OpenAPI document is loosely typed JSON
type Json = any;

const METHODS = ["get", "post", "put", "patch", "delete"] as const;
/** Nested schemas are shown to this depth; deeper ones are named, not expanded. */
const MAX_DEPTH = 5;

/** The section an operation belongs to: its path's first segment ("/feeds/{id}" -> "feeds"). */
function sectionOf(path: string): string {
  return path.split("/")[1]?.replace(/[{}]/g, "") || "general";
}

function anchor(method: string, path: string): string {
  return `${method}-${path.replace(/[^A-Za-z0-9]+/g, "-").replace(/^-|-$/g, "")}`;
}

function resolve(doc: Json, schema: Json): { schema: Json; name: string | null } {
  const ref = schema?.$ref;
  if (typeof ref !== "string") return { schema, name: null };
  const name = ref.split("/").pop() ?? ref;
  return { schema: doc.components?.schemas?.[name] ?? {}, name };
}

/** A one-line type: "string", "integer (1-100)", "one of first, update", "Feed[]", "string | null". */
function typeOf(doc: Json, raw: Json): string {
  const { schema, name } = resolve(doc, raw);
  if (name) return name;
  if (!schema || typeof schema !== "object") return "any";
  if (schema.enum) return `one of ${schema.enum.map((v: unknown) => JSON.stringify(v)).join(", ")}`;
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  for (const key of ["anyOf", "oneOf"]) {
    if (Array.isArray(schema[key])) return schema[key].map((s: Json) => typeOf(doc, s)).join(" | ");
  }
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  const main = types.filter((t: string) => t !== "null");
  let text = main.length > 0 ? main.join(" | ") : schema.properties ? "object" : "any";
  if (main[0] === "array") text = `${typeOf(doc, schema.items ?? {})}[]`;
  const range =
    schema.minimum !== undefined || schema.maximum !== undefined
      ? ` (${schema.minimum ?? "…"}–${schema.maximum ?? "…"})`
      : schema.maxLength !== undefined
        ? ` (≤ ${schema.maxLength} chars)`
        : "";
  if (schema.format) text += ` (${schema.format})`;
  return `${text}${range}${types.includes("null") ? " | null" : ""}`;
}

/** The fields of an object schema (following $ref, array items and anyOf/oneOf members), as nested lists. */
function fields(doc: Json, raw: Json, depth: number, seen: Set<string>): Fragment {
  const { schema, name } = resolve(doc, raw);
  if (!schema || depth > MAX_DEPTH || (name && seen.has(name))) return html``;
  const inner = name ? new Set([...seen, name]) : seen;
  if (schema.type === "array" || schema.items) return fields(doc, schema.items ?? {}, depth, inner);
  for (const key of ["anyOf", "oneOf"]) {
    if (Array.isArray(schema[key])) return html`${schema[key].map((s: Json) => fields(doc, s, depth, inner))}`;
  }
  const props = schema.properties as Record<string, Json> | undefined;
  if (!props) return html``;
  const required = new Set<string>(schema.required ?? []);
  return html`<ul class="fields">
    ${Object.entries(props).map(
      ([field, sub]) =>
        html`<li><code>${field}</code> <span class="type">${typeOf(doc, sub)}</span>${
          required.has(field) ? html` <span class="req">required</span>` : ""
        }${sub.description ? html` — ${sub.description}` : ""}${fields(doc, sub, depth + 1, inner)}</li>`,
    )}
  </ul>`;
}

function parameters(doc: Json, op: Json): Fragment {
  const params = (op.parameters ?? []) as Json[];
  if (params.length === 0) return html``;
  return html`<h4>Parameters</h4>
    <table>
      <thead><tr><th>name</th><th>in</th><th>type</th><th>description</th></tr></thead>
      <tbody>
        ${params.map(
          (p) => html`<tr>
            <td><code>${p.name}</code>${p.required ? html` <span class="req">required</span>` : ""}</td>
            <td>${p.in}</td>
            <td>${typeOf(doc, p.schema ?? {})}${p.schema?.default !== undefined ? html`, default ${JSON.stringify(p.schema.default)}` : ""}</td>
            <td>${p.description ?? p.schema?.description ?? ""}${
              p.schema?.example !== undefined
                ? html` <span class="example">e.g. <code>${String(p.schema.example)}</code></span>`
                : ""
            }</td>
          </tr>`,
        )}
      </tbody>
    </table>`;
}

function body(doc: Json, op: Json): Fragment {
  const content = op.requestBody?.content as Record<string, Json> | undefined;
  if (!content) return html``;
  return html`<h4>Request body</h4>
    ${Object.entries(content).map(
      ([type, media]) => html`<p><code>${type}</code> ${media.schema ? typeOf(doc, media.schema) : ""}</p>
        ${media.schema ? fields(doc, media.schema, 0, new Set()) : ""}
        ${(media.example ?? media.schema?.example) ? html`<pre>${JSON.stringify(media.example ?? media.schema.example, null, 2)}</pre>` : ""}`,
    )}`;
}

function responses(doc: Json, op: Json): Fragment {
  const all = Object.entries((op.responses ?? {}) as Record<string, Json>);
  return html`<h4>Responses</h4>
    <dl class="responses">
      ${all.map(([status, response]) => {
        const content = Object.entries((response.content ?? {}) as Record<string, Json>);
        const [type, media] = content[0] ?? [];
        const isProblem = type === "application/problem+json";
        return html`<dt class="s${status[0]}">${status}</dt>
          <dd>${response.description ?? ""}${type ? html` <code>${type}</code>` : ""}${
            media?.schema && !isProblem
              ? html` ${typeOf(doc, media.schema)}${fields(doc, media.schema, 0, new Set())}`
              : ""
          }</dd>`;
      })}
    </dl>`;
}

function curl(method: string, path: string, op: Json): string {
  const secured = Array.isArray(op.security) && op.security.length > 0;
  const json = op.requestBody?.content?.["application/json"];
  const parts = [`curl${method === "get" ? "" : ` -X ${method.toUpperCase()}`} "$API${path}"`];
  if (secured) parts.push(`-H "Authorization: Bearer $KEY"`);
  if (json) {
    const example = json.example ?? json.schema?.example;
    parts.push(`-H 'content-type: application/json' -d '${example ? JSON.stringify(example) : "{…}"}'`);
  }
  return parts.join(" \\\n  ");
}

function operation(doc: Json, method: string, path: string, op: Json): Fragment {
  const secured = Array.isArray(op.security) && op.security.length > 0;
  return html`<section class="op" id="${anchor(method, path)}">
    <h3><span class="method ${method}">${method.toUpperCase()}</span> <code>${path}</code>${
      secured ? html` <span class="key" title="Authorization: Bearer &lt;key&gt;">admin key</span>` : ""
    }</h3>
    <p class="summary">${op.summary ?? ""}</p>
    ${op.description ? html`<p>${op.description}</p>` : ""}
    ${parameters(doc, op)}
    ${body(doc, op)}
    ${responses(doc, op)}
    <pre class="curl">${curl(method, path, op)}</pre>
  </section>`;
}

export function renderDocs(doc: Json): string {
  const ops: { section: string; method: string; path: string; op: Json }[] = [];
  for (const [path, item] of Object.entries((doc.paths ?? {}) as Record<string, Json>)) {
    for (const method of METHODS)
      if (item[method]) ops.push({ section: sectionOf(path), method, path, op: item[method] });
  }
  const sections = [...new Set(ops.map((o) => o.section))].sort();
  const info = doc.info ?? {};
  const page = html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${info.title ?? "API"} ${info.version ?? ""} — reference</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${assetHref("docs.css")}">
</head>
<body>
<header><h1>${info.title ?? "API"} <span class="version">${info.version ?? ""}</span></h1>
<p>${info.description ?? ""}</p>
<nav><a href="/">Dashboard</a> <a href="/openapi.json">OpenAPI document</a></nav></header>
<div class="layout">
<aside><nav aria-label="Operations">
${sections.map(
  (section) =>
    html`<h2>${section}</h2><ul>${ops
      .filter((o) => o.section === section)
      .map(
        (o) =>
          html`<li><a href="#${anchor(o.method, o.path)}"><span class="method ${o.method}">${o.method.toUpperCase()}</span> ${o.path}</a></li>`,
      )}</ul>`,
)}
</nav></aside>
<main>
<section class="intro">
<h2>Using the API</h2>
<ul>
<li><strong>Keys</strong>: reads are public; operations marked <span class="key">admin key</span> need
<code>Authorization: Bearer &lt;key&gt;</code> (a subscription's own key works on its own subscription).</li>
<li><strong>Errors</strong> are RFC 9457 problem documents (<code>application/problem+json</code>):
<code>type</code>, <code>title</code>, <code>status</code>, <code>detail</code> (what to do), <code>code</code>, and <code>field</code> when one request field is wrong.</li>
<li><strong>Pages</strong>: lists answer a <code>nextCursor</code>; pass it as <code>cursor</code> until it is null.</li>
<li><strong>Rate limits</strong>: <code>RateLimit-Policy</code> and <code>RateLimit</code> headers on every limited answer; over the limit, 429 with <code>Retry-After</code>.</li>
</ul>
<pre class="curl">API=${doc.servers?.[0]?.url ?? "http://localhost:8787"}; KEY=…</pre>
</section>
${sections.map(
  (section) => html`<h2 class="section" id="section-${section}">${section}</h2>
    ${ops.filter((o) => o.section === section).map((o) => operation(doc, o.method, o.path, o.op))}`,
)}
</main>
</div>
</body>
</html>`;
  return String(page);
}
