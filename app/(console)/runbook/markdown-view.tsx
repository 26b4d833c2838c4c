import Link from "next/link";
import type { ReactNode } from "react";
import type { Block, Inline } from "@/lib/runbook/markdown";

/** Renders parsed runbook Markdown as React elements (text is always escaped; no raw HTML). */
export function MarkdownView({ blocks }: { blocks: Block[] }) {
  return <div className="max-w-3xl space-y-4 text-sm leading-6 text-slate-800">{blocks.map((block, i) => renderBlock(block, i))}</div>;
}

function renderBlock(block: Block, key: number): ReactNode {
  switch (block.type) {
    case "heading": {
      if (block.level === 1) return <h2 key={key} id={block.id} className="text-xl font-semibold text-slate-900">{renderInline(block.children)}</h2>;
      if (block.level === 2) {
        return (
          <h2 key={key} id={block.id} className="scroll-mt-6 border-t border-slate-200 pt-6 text-lg font-semibold text-slate-900">
            <a href={`#${block.id}`} className="hover:underline">{renderInline(block.children)}</a>
          </h2>
        );
      }
      return <h3 key={key} id={block.id} className="scroll-mt-6 font-semibold text-slate-900">{renderInline(block.children)}</h3>;
    }
    case "paragraph":
      return <p key={key}>{renderInline(block.children)}</p>;
    case "list": {
      const items = block.items.map((item, i) => <li key={i}>{renderInline(item)}</li>);
      return block.ordered ? (
        <ol key={key} className="list-decimal space-y-1 pl-6">{items}</ol>
      ) : (
        <ul key={key} className="list-disc space-y-1 pl-6">{items}</ul>
      );
    }
  }
}

function renderInline(nodes: Inline[]): ReactNode[] {
  return nodes.map((node, i) => {
    switch (node.type) {
      case "text":
        return node.text;
      case "strong":
        return <strong key={i} className="font-semibold">{renderInline(node.children)}</strong>;
      case "code":
        return <code key={i} className="rounded bg-slate-100 px-1 py-0.5 font-mono text-[0.8125rem] text-slate-900">{node.text}</code>;
      case "link":
        if (node.href.startsWith("#")) return <a key={i} href={node.href} className="text-indigo-700 underline">{renderInline(node.children)}</a>;
        if (node.href.startsWith("/")) return <Link key={i} href={node.href} className="text-indigo-700 underline">{renderInline(node.children)}</Link>;
        return <a key={i} href={node.href} rel="noopener noreferrer" target="_blank" className="text-indigo-700 underline">{renderInline(node.children)}</a>;
    }
  });
}
