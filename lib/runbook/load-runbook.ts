import "server-only";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseMarkdown, type Block } from "./markdown";

/** The runbook's blocks and its table of contents (the second-level headings). */
export type Runbook = { title: string; blocks: Block[]; toc: { id: string; text: string }[] };

/** Reads docs/runbook.md at request time, so the console always shows the repository's current text. */
export async function loadRunbook(): Promise<Runbook> {
  const source = await readFile(path.join(process.cwd(), "docs", "runbook.md"), "utf8");
  const blocks = parseMarkdown(source);
  const first = blocks[0];
  const title = first?.type === "heading" && first.level === 1 ? first.text : "Runbook";
  const body = first?.type === "heading" && first.level === 1 ? blocks.slice(1) : blocks;
  const toc = body.flatMap((b) => (b.type === "heading" && b.level === 2 ? [{ id: b.id, text: b.text }] : []));
  return { title, blocks: body, toc };
}
