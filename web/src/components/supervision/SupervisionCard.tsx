import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Flex, Tag, Timeline, Typography } from 'antd';
import { ACTION_LABEL, EVENT_LABEL } from '../../../../domain/problem-types';
import type { SupervisionRow } from '../../api/desk';
import { documentUrl } from '../../api/problems';
import { beijingTime, monthDay } from '../../lib/time';
import { ProblemLink } from '../ProblemLink';
import { WarningTag } from '../StatusTag';
import { RemindButton } from './RemindButton';

/** What a notification of the supervision record is called: the warning, or the office's 催办. */
export const toldLabel = (kind: string): string => EVENT_LABEL[kind] ?? (kind === 'manual-reminder' ? `办公室${ACTION_LABEL.remind}` : kind);

interface Props {
  campaignId: string;
  row: SupervisionRow;
  /** The office may 催办. */
  canRemind: boolean;
  onReminded(): void;
}

/** One supervised problem: the warning, the notice, the people responsible, and who was told when. */
export function SupervisionCard({ campaignId, row: r, canRemind, onReminded }: Props) {
  const red = r.warning === 'red';
  return (
    <Card
      size="small"
      data-testid={`supervision-${r.no}`}
      style={{ borderInlineStart: `4px solid ${red ? '#ff4d4f' : '#faad14'}` }}
      title={
        <Flex gap={8} align="center" wrap style={{ whiteSpace: 'normal', padding: '6px 0' }}>
          <WarningTag warning={r.warning} />
          <ProblemLink campaignId={campaignId} no={r.no}>
            {`问题${r.no}　${r.title}`}
          </ProblemLink>
        </Flex>
      }
      extra={r.noticeNumber && <Tag color="red" style={{ marginInlineEnd: 0 }}>{r.noticeNumber}</Tag>}
    >
      <Flex gap={16} wrap align="start">
        <div style={{ flex: '1 1 300px' }}>
          <Descriptions size="small" column={{ xs: 1, sm: 2 }} colon>
            <Descriptions.Item label="逾期">
              <Typography.Text type="danger" strong style={{ fontSize: 16 }}>
                {r.daysOverdue > 0 ? `${r.daysOverdue} 天` : '审核中，暂停计时'}
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label="整改时限">{r.deadline ? monthDay(r.deadline) : '—'}</Descriptions.Item>
            <Descriptions.Item label="责任科室">{r.department}</Descriptions.Item>
            <Descriptions.Item label="责任领导">{r.responsibleLeader.name}</Descriptions.Item>
            <Descriptions.Item label="责任人">{r.owner.name}</Descriptions.Item>
            {r.noticeNumber && <Descriptions.Item label="督办单">{`${r.noticeNumber}${r.noticeDate ? `（${monthDay(r.noticeDate)}发出）` : ''}`}</Descriptions.Item>}
          </Descriptions>
          <Flex gap={8} wrap style={{ marginTop: 8 }}>
            {red && r.noticeNumber && (
              <Button type="primary" danger icon={<DownloadOutlined />} href={documentUrl(campaignId, r.no, 'supervision-notice')} download>
                下载督办单
              </Button>
            )}
            {canRemind && <RemindButton campaignId={campaignId} no={r.no} department={r.department} onSent={onReminded} />}
          </Flex>
        </div>
        <div style={{ flex: '1 1 320px', minWidth: 0 }} data-testid={`told-${r.no}`}>
          <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 8 }}>
            告知记录
          </Typography.Text>
          {r.told.length === 0 ? (
            <Typography.Text type="secondary">暂无</Typography.Text>
          ) : (
            <Timeline
              items={r.told.map((t) => ({
                color: t.kind === 'warning-red' ? 'red' : t.kind === 'warning-yellow' ? 'gold' : 'blue',
                content: (
                  <>
                    <Typography.Text strong>{toldLabel(t.kind)}</Typography.Text>
                    <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
                      {beijingTime(t.at)}
                    </Typography.Text>
                    <div>已告知：{t.recipients.map((p) => p.name).join('、')}</div>
                  </>
                ),
              }))}
            />
          )}
        </div>
      </Flex>
    </Card>
  );
}
