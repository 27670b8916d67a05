/**
 * Small HTML helpers for feed bodies: text -> HTML for text bodies, and a defensive clean-up of body HTML on a
 * light DOM (linkedom) so nothing active (scripts, event handlers, javascript: links) leaves the parser. Plain
 * text of HTML fields comes from article/html-to-paragraphs.ts (feed/item.ts plainText).
 */
import { parseHTML } from "linkedom";

/** The few DOM members used here (the repository compiles without the DOM lib). */
interface LightElement {
  innerHTML: string;
  textContent: string | null;
  tagName: string;
  attributes: ArrayLike<{ name: string; value: string }>;
  querySelectorAll(selector: string): Iterable<LightElement>;
  removeAttribute(name: string): void;
  remove(): void;
}

let scratchDocument: { createElement(name: string): LightElement } | null = null;

/** A fresh detached <div> in a shared document: innerHTML parses without any script ever running. */
function scratch(): LightElement {
  scratchDocument ??= parseHTML("<!doctype html><html><head></head><body></body></html>").document as {
    createElement(name: string): LightElement;
  };
  return scratchDocument.createElement("div");
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/** Collapse runs of whitespace (and drop control characters) to single spaces, trimmed. */
export function collapseWhitespace(text: string): string {
  return text.replace(CONTROL_CHARACTERS, "").replace(/\s+/g, " ").trim();
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** HTML for a plain-text body: escaped, blank-line separated paragraphs as <p>, single newlines as <br>. */
export function textToHtml(text: string): string {
  return text
    .replace(/\r\n?/g, "\n")
    .split(/\n[ \t]*\n\s*/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph !== "")
    .map((paragraph) => `<p>${escapeHtml(paragraph).replace(/\n/g, "<br>")}</p>`)
    .join("\n");
}

const ACTIVE_ELEMENTS = "script,style,iframe,frame,frameset,object,embed,applet,base,meta,link,template";
const URL_ATTRIBUTES = new Set(["href", "src", "action", "formaction", "poster", "background", "xlink:href", "data"]);

function isSafeUrl(name: string, value: string): boolean {
  // Browsers ignore whitespace and control characters inside the scheme ("java\tscript:").
  // biome-ignore lint/suspicious/noControlCharactersInRegex: those characters are exactly what is ignored
  const compact = value.replace(/[\u0000-\u0020]/g, "").toLowerCase();
  const scheme = /^([a-z][a-z0-9+.-]*):/.exec(compact)?.[1];
  if (!scheme) return true; // relative
  if (scheme === "http" || scheme === "https" || scheme === "mailto" || scheme === "tel") return true;
  return (
    scheme === "data" && name === "src" && compact.startsWith("data:image/") && !compact.startsWith("data:image/svg")
  );
}

/**
 * What any active content needs somewhere in the text: a risky element, an on* handler, a script: or data:
 * scheme (also split by whitespace), srcdoc, a CSS expression, or a character reference that could spell
 * a scheme. Deliberately broad (the word "JavaScript" in prose matches): HTML without any of these is
 * inert as it is, and skipping the DOM for it makes most feeds several times cheaper to parse.
 */
const MAYBE_ACTIVE =
  /<(?:script|style|iframe|frame|frameset|object|embed|applet|base|meta|link|template|svg|math|form|noscript|isindex|portal)\b|\bon[a-z]+\s*=|script|d\s*a\s*t\s*a\s*:|srcdoc|expression|&#|&colon|&tab|&newline/i;

/**
 * Body HTML with everything active removed: script-like elements, on* handlers, srcdoc, and URLs whose
 * scheme is not http(s)/mailto/tel (data: images excepted). Markup and text are otherwise kept.
 */
export function sanitizeHtml(html: string): string {
  if (!html.includes("<") || !MAYBE_ACTIVE.test(html)) return html;
  const div = scratch();
  div.innerHTML = html;
  for (const el of div.querySelectorAll(ACTIVE_ELEMENTS)) el.remove();
  for (const el of div.querySelectorAll("*")) {
    for (const { name, value } of Array.from(el.attributes)) {
      const lower = name.toLowerCase();
      const activeStyle = lower === "style" && /expression|url\s*\(\s*['"]?\s*javascript/i.test(value);
      if (lower.startsWith("on") || lower === "srcdoc" || activeStyle) {
        el.removeAttribute(name);
      } else if (URL_ATTRIBUTES.has(lower) && !isSafeUrl(lower, value)) {
        el.removeAttribute(name);
      }
    }
  }
  return div.innerHTML;
}
