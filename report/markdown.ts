import type { Block } from './blocks';
import type { ReportDocument } from './compose';

// The report as Markdown. Only the title is a Markdown heading: the numbered headings (一、 （一）
// 1. （1）) stay plain lines, exactly as the published reports write them, so the file reads like
// the 通报 and parseReport reads it back; every block is its own paragraph (blank line between).

/** A line an office typed that Markdown would take for a heading, quote or list gets escaped. */
const MARKDOWN_BLOCK = /^(?:#|>|[-*+]\s|\d+[.)]\s|={3,}|-{3,}|```)/;

function line(block: Block): string {
  switch (block.kind) {
    case 'title':
      return `# ${block.text}`;
    case 'paragraph':
      return MARKDOWN_BLOCK.test(block.text) ? `\\${block.text}` : block.text;
    default:
      return block.text;
  }
}

export function toMarkdown(doc: ReportDocument): string {
  return `${doc.blocks.map(line).join('\n\n')}\n`;
}
