import { describe, expect, it } from "vitest";
import { notArticlePage } from "./article-page.ts";

const bytes = (text: string) => new TextEncoder().encode(text);

describe("notArticlePage: only HTML is an article page, by Content-Type and by the first bytes", () => {
  it.each([
    ["text/html", "<!DOCTYPE html><html><body><p>Hi</p></body></html>"],
    ["text/html", "\uFEFF  <html lang=en><p>BOM and white space first</p>"],
    ["application/xhtml+xml", '<?xml version="1.0"?><!DOCTYPE html><html xmlns="http://www.w3.org/1999/xhtml"></html>'],
    ["application/xml", '<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><body/></html>'],
    [null, "<!-- generated --><div><p>A fragment of a page</p></div>"],
    ["application/octet-stream", "<html><head><title>Mislabelled</title></head></html>"],
    ["text/plain", "<!doctype html><title>x</title>"],
    ["text/html", "Just words from a server that says HTML: Readability decides"],
  ])("%s %j is an article page", (type, body) => {
    expect(notArticlePage(type, bytes(body))).toBeNull();
  });

  it.each([
    ["application/rss+xml", "<rss/>", /application\/rss\+xml/],
    ["application/atom+xml", "<feed/>", /application\/atom\+xml/],
    ["application/feed+json", "{}", /feed\+json/],
    ["image/png", "\x89PNG", /image\/png/],
    ["application/pdf", "%PDF-1.4", /application\/pdf/],
    ["text/html", '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel/></rss>', /a feed/],
    [
      "text/html",
      '<?xml version="1.0"?><?xml-stylesheet href="s.xsl"?><feed xmlns="http://www.w3.org/2005/Atom"/>',
      /a feed/,
    ],
    ["text/html", '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"></rdf:RDF>', /a feed/],
    ["text/xml", '<?xml version="1.0"?><sitemap><url/></sitemap>', /XML document/],
    [null, '{"items": []}', /JSON/],
    ["application/octet-stream", "%PDF-1.7", /PDF/],
    [null, "GIF89a\x01\x00\x01\x00\x00\x00", /binary/],
    [null, "plain words and nothing else", /plain text/],
  ])("%s %j is not an article page", (type, body, reason) => {
    expect(notArticlePage(type, bytes(body))).toMatch(reason);
  });

  it("reads a UTF-16 document's markers", () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('<?xml version="1.0"?><rss/>', "utf16le")]);
    expect(notArticlePage("text/html", utf16)).toMatch(/a feed/);
    const html = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("<html><body/></html>", "utf16le")]);
    expect(notArticlePage(null, html)).toBeNull();
  });
});
