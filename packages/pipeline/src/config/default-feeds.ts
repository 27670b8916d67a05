/**
 * The feeds the local runtime (`storywire start`) watches when the configuration names none: public RSS/Atom feeds of outlets that
 * cover world news, Russia, Ukraine and China. Reuters and AP publish no public RSS feeds, so they are absent.
 */
export const DEFAULT_FEEDS: readonly string[] = [
  "https://feeds.bbci.co.uk/news/world/rss.xml",
  "https://www.theguardian.com/world/rss",
  "https://www.aljazeera.com/xml/rss/all.xml",
  "https://rss.nytimes.com/services/xml/rss/nyt/World.xml",
  "https://feeds.npr.org/1004/rss.xml",
  "https://rss.dw.com/rdf/rss-en-world",
  "https://www.france24.com/en/europe/rss",
  "https://kyivindependent.com/news-archive/rss/",
  "https://www.pravda.com.ua/eng/rss/",
  "https://meduza.io/rss/en/all",
  "https://www.themoscowtimes.com/rss/news",
  "https://tass.com/rss/v2.xml",
  "https://www.rferl.org/api/zrqiteuuir",
  "https://english.news.cn/rss/worldrss.xml",
  "https://www.scmp.com/rss/91/feed",
  "https://news.un.org/feed/subscribe/en/news/all/rss.xml",
];
