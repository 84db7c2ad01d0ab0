// The report as the writers see it: a flat sequence of blocks (compose.ts builds them).

export type HeadingLevel = 1 | 2 | 3 | 4;
export type HeadingRole = 'section' | 'part' | 'aspect' | 'problem';
export type ParagraphRole = 'preamble' | 'figures' | 'office' | 'event' | 'measures' | 'progress' | 'deadline' | 'closing';

export type Block =
  | { kind: 'title'; text: string }
  | { kind: 'heading'; level: HeadingLevel; role: HeadingRole; text: string }
  | { kind: 'paragraph'; role: ParagraphRole; text: string }
  | { kind: 'signature' | 'date'; text: string };
