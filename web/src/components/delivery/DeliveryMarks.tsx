import { Tooltip, Typography } from 'antd';
import { CHANNEL_SHORT, DELIVERY_STATUS_LABEL } from '../../../../domain/delivery';
import type { DeliveryMark } from '../../api/deliveries';
import { beijingTime } from '../../lib/time';

// Where a notice went, under its timeline entry: "✓ 邮件 10:02 · ✗ 钉钉 签名错误". A group robot's
// post reaches several recipients at once: one mark for them all, their names on hover.

const SIGN: Record<DeliveryMark['status'], string> = { sent: '✓', failed: '✗', pending: '…', sending: '…', deferred: '◷' };
const COLOR: Partial<Record<DeliveryMark['status'], 'success' | 'danger' | 'secondary'>> = { sent: 'success', failed: 'danger' };

/** The reason without the provider's own words (they are in 发送情况): "钉钉签名错误…（310000 …）" → "钉钉签名错误…". */
const shortReason = (e: string | null) => (e ?? '').replace(/（.*$/, '');

function markText(m: DeliveryMark): string {
  const channel = CHANNEL_SHORT[m.channel];
  if (m.status === 'sent') return `${SIGN.sent} ${channel} ${beijingTime(m.sentAt).slice(11)}`;
  if (m.status === 'failed') return `${SIGN.failed} ${channel} ${shortReason(m.error) || DELIVERY_STATUS_LABEL.failed}`;
  return `${SIGN[m.status]} ${channel} ${DELIVERY_STATUS_LABEL[m.status]}`;
}

export function DeliveryMarks({ marks }: { marks: DeliveryMark[] }) {
  if (!marks.length) return null;
  const groups = new Map<string, { mark: DeliveryMark; text: string; recipients: string[] }>();
  for (const m of marks) {
    const text = markText(m);
    const g = groups.get(text) ?? { mark: m, text, recipients: [] };
    g.recipients.push(m.recipient);
    groups.set(text, g);
  }
  return (
    <div data-testid="delivery-marks" style={{ fontSize: 12, marginTop: 2 }}>
      {[...groups.values()].map((g, i) => (
        <span key={g.text}>
          {i > 0 && <Typography.Text type="secondary"> · </Typography.Text>}
          <Tooltip title={`${g.recipients.join('、')}${g.mark.error ? `：${g.mark.error}` : ''}`}>
            <Typography.Text type={COLOR[g.mark.status] ?? 'secondary'} style={{ fontSize: 12 }}>
              {g.text}
            </Typography.Text>
          </Tooltip>
        </span>
      ))}
    </div>
  );
}
