import type { RobotProvider } from '../../domain/contacts';
import { noticeKindLabel, type MessageContent, type MessageItem } from '../../domain/delivery';

// One message, rendered for its channel: plain text and HTML for email, markdown for each robot
// (each provider has its own @mention syntax and size limit). Every rendering ends with the
// message's key, so a receiver — or a test sink — can tell a duplicate from a second message.

export interface Renderable {
  key: string;
  subject: string;
  urgent: boolean;
  content: MessageContent;
}

/** Bytes a provider accepts in one markdown message (WeCom documents 4096; the others more). */
const ROBOT_LIMIT: Record<RobotProvider, number> = { wecom: 4000, dingtalk: 18_000, feishu: 28_000 };

export const keyLine = (key: string) => `消息编号：${key}`;

const numbered = (items: MessageItem[], i: number) => (items.length > 1 ? `${i + 1}. ` : '');

export function renderEmailText(m: Renderable): string {
  const lines: string[] = [];
  if (m.content.greeting) lines.push(`${m.content.greeting}：`, '');
  m.content.items.forEach((it, i, all) => {
    lines.push(`${numbered(all, i)}【${noticeKindLabel(it.kind)}】${it.title}`, it.body);
    if (it.link) lines.push(`查看：${it.link}`);
    lines.push('');
  });
  lines.push('——', '本邮件由巡察整改工作台自动发送，请勿直接回复。', keyLine(m.key));
  return lines.join('\n');
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const htmlLines = (s: string) => escapeHtml(s).replace(/\n/g, '<br>');

export function renderEmailHtml(m: Renderable): string {
  const items = m.content.items
    .map((it) => {
      const link = it.link ? ` <a href="${escapeHtml(it.link)}">查看问题</a>` : '';
      return `<li><p><b>【${escapeHtml(noticeKindLabel(it.kind))}】${escapeHtml(it.title)}</b>${link}</p><p>${htmlLines(it.body)}</p></li>`;
    })
    .join('');
  const greeting = m.content.greeting ? `<p>${escapeHtml(m.content.greeting)}：</p>` : '';
  const list = m.content.items.length > 1 ? `<ol>${items}</ol>` : `<ul style="list-style:none;padding:0">${items}</ul>`;
  return `<!doctype html><html><body style="font-family:sans-serif">${greeting}${list}<hr><p style="color:#888">本邮件由巡察整改工作台自动发送，请勿直接回复。<br>${keyLine(m.key)}</p></body></html>`;
}

function mentionText(provider: RobotProvider, c: MessageContent): string {
  return c.mentions.map((p) => (!p.chatId ? `@${p.name}` : provider === 'wecom' ? `<@${p.chatId}>` : provider === 'feishu' ? `<at id=${p.chatId}></at>` : `@${p.chatId}`)).join(' ');
}

function itemMarkdown(it: MessageItem, prefix: string, withBody: boolean): string {
  const title = `**${prefix}【${noticeKindLabel(it.kind)}】${it.title}**`;
  const link = it.link ? `\n[查看问题](${it.link})` : '';
  return withBody ? `${title}\n${it.body}${link}` : `${title}${link}`;
}

/** The markdown text of a robot post, cut to fit the provider's limit (never mid-item). */
export function robotMarkdown(provider: RobotProvider, m: Renderable): string {
  const head = provider === 'feishu' ? '' : `#### ${m.subject}\n`;
  const mentions = mentionText(provider, m.content);
  const tail = `\n\n---\n${keyLine(m.key)}`;
  const limit = ROBOT_LIMIT[provider];
  const items = m.content.items;
  for (const withBody of [true, false]) {
    const parts: string[] = [];
    let size = Buffer.byteLength(head + mentions + tail) + 200;
    for (let i = 0; i < items.length; i++) {
      const part = itemMarkdown(items[i]!, numbered(items, i), withBody);
      size += Buffer.byteLength(part) + 2;
      if (size > limit) break;
      parts.push(part);
    }
    if (parts.length === items.length || !withBody) {
      const more = items.length - parts.length;
      const rest = more ? `\n\n另有 ${more} 项，请登录整改工作台查看。` : '';
      return `${head}${mentions ? `${mentions}\n\n` : ''}${parts.join('\n\n')}${rest}${tail}`;
    }
  }
  return `${head}${tail}`;
}

/** The JSON a provider's webhook takes (before signing). */
export function robotPayload(provider: RobotProvider, m: Renderable): Record<string, unknown> {
  const text = robotMarkdown(provider, m);
  switch (provider) {
    case 'dingtalk': {
      const atUserIds = m.content.mentions.flatMap((p) => (p.chatId ? [p.chatId] : []));
      return { msgtype: 'markdown', markdown: { title: m.subject, text }, at: { atUserIds, isAtAll: false } };
    }
    case 'wecom':
      return { msgtype: 'markdown', markdown: { content: text } };
    case 'feishu':
      return {
        msg_type: 'interactive',
        card: {
          config: { wide_screen_mode: true },
          header: { title: { tag: 'plain_text', content: m.subject }, template: m.urgent ? 'red' : 'blue' },
          elements: [{ tag: 'markdown', content: text }],
        },
      };
  }
}
