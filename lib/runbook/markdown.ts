// A parser for the small Markdown subset docs/runbook.md uses: headings, paragraphs, ordered and unordered
// lists, **bold**, `code` and [links](href). It returns a tree the page renders as React elements, so no
// text ever becomes HTML (an angle bracket stays text) and only relative, in-page or http(s) links are kept.
import { headingSlug } from "./sections";

/** Inline content of a block. */
export type Inline =
  | { type: "text"; text: string }
  | { type: "strong"; children: Inline[] }
  | { type: "code"; text: string }
  | { type: "link"; href: string; children: Inline[] };

/** One block of the document. */
export type Block =
  | { type: "heading"; level: 1 | 2 | 3; id: string; text: string; children: Inline[] }
  | { type: "paragraph"; children: Inline[] }
  | { type: "list"; ordered: boolean; items: Inline[][] };

const LIST_ITEM = /^(\s*)(?:([-*])|(\d+)\.)\s+(.*)$/;

/** Parses the runbook's Markdown into blocks; unknown syntax is kept as plain text. */
export function parseMarkdown(source: string): Block[] {
  const blocks: Block[] = [];
  const lines = source.replace(/\r\n?/g, "\n").split("\n");
  let paragraph: string[] = [];
  let list: { ordered: boolean; items: string[] } | null = null;
  const flush = () => {
    if (paragraph.length > 0) blocks.push({ type: "paragraph", children: parseInline(paragraph.join(" ")) });
    if (list) blocks.push({ type: "list", ordered: list.ordered, items: list.items.map(parseInline) });
    paragraph = [];
    list = null;
  };
  for (const line of lines) {
    const heading = line.match(/^(#{1,3})\s+(.+?)\s*#*\s*$/);
    const item = line.match(LIST_ITEM);
    if (heading) {
      flush();
      const text = heading[2];
      blocks.push({ type: "heading", level: heading[1].length as 1 | 2 | 3, id: headingSlug(plainText(text)), text: plainText(text), children: parseInline(text) });
    } else if (line.trim() === "") {
      flush();
    } else if (item) {
      const ordered = item[3] !== undefined;
      if (paragraph.length > 0 || (list && list.ordered !== ordered)) flush();
      list ??= { ordered, items: [] };
      list.items.push(item[4]);
    } else if (list && /^\s+\S/.test(line)) {
      // An indented line continues the previous list item.
      list.items[list.items.length - 1] += ` ${line.trim()}`;
    } else {
      if (list) flush();
      paragraph.push(line.trim());
    }
  }
  flush();
  return blocks;
}

/** Parses inline Markdown: `code`, **bold** and [text](href). */
export function parseInline(text: string): Inline[] {
  const out: Inline[] = [];
  const pattern = /`([^`]+)`|\*\*(.+?)\*\*|\[([^\]]+)\]\(([^)\s]+)\)/g;
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    const index = match.index ?? 0;
    if (index > last) out.push({ type: "text", text: text.slice(last, index) });
    if (match[1] !== undefined) out.push({ type: "code", text: match[1] });
    else if (match[2] !== undefined) out.push({ type: "strong", children: parseInline(match[2]) });
    else {
      const href = safeHref(match[4]);
      out.push(href ? { type: "link", href, children: parseInline(match[3]) } : { type: "text", text: match[3] });
    }
    last = index + match[0].length;
  }
  if (last < text.length) out.push({ type: "text", text: text.slice(last) });
  return out;
}

/** The link target if it is in-page, relative or http(s); null for javascript:, data: and the like. */
export function safeHref(href: string): string | null {
  if (href.startsWith("#") || href.startsWith("/")) return href;
  if (/^https?:\/\//i.test(href)) return href;
  if (/^[a-z][a-z0-9+.-]*:/i.test(href)) return null;
  // Repository-relative links (docs/...) have no console page; the runbook only links to its own sections.
  return null;
}

function plainText(text: string): string {
  return text.replace(/\*\*|`/g, "");
}
