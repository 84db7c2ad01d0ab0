import { FileWordOutlined } from '@ant-design/icons';
import { Button, Flex, Typography } from 'antd';
import { useState } from 'react';
import { ACTION_LABEL, type ActionName } from '../../../../domain/problem-types';
import { documentUrl, type ActionResult, type ProblemDetail } from '../../api/problems';
import { ActionForm } from './ActionForm';

// Side actions: never the one big button of the page.
const SECONDARY: ReadonlySet<string> = new Set(['remind', 'reportProgress', 'requestExtension', 'reopen', 'confirmLookBack']);

interface Props {
  campaignId: string;
  detail: ProblemDetail;
  onDone(r: ActionResult): void;
  /** Full-width buttons, one per line (phone width). */
  stacked: boolean;
}

/** A button for every action the signed-in person may take now, each opening its form; plus the problem's documents. */
export function ActionBar({ campaignId, detail, onDone, stacked }: Props) {
  const [open, setOpen] = useState<ActionName | null>(null);
  const actions = detail.actions as ActionName[];
  const primary = actions.find((a) => !SECONDARY.has(a));
  const no = detail.row.no;
  const docs = [
    ...(detail.row.status === 'closed' ? [{ key: 'closure-sheet' as const, label: '下载对账销号单' }] : []),
    ...(detail.row.warning === 'red' ? [{ key: 'supervision-notice' as const, label: '下载督办单' }] : []),
  ];
  if (actions.length === 0 && docs.length === 0) {
    return <Typography.Text type="secondary">当前没有需要您办理的操作</Typography.Text>;
  }
  return (
    <>
      <Flex gap={8} wrap vertical={stacked} data-testid="action-bar">
        {actions.map((a) => (
          <Button key={a} type={a === primary ? 'primary' : 'default'} block={stacked} onClick={() => setOpen(a)}>
            {ACTION_LABEL[a]}
          </Button>
        ))}
        {docs.map((d) => (
          <Button key={d.key} icon={<FileWordOutlined />} block={stacked} href={documentUrl(campaignId, no, d.key)} download>
            {d.label}
          </Button>
        ))}
      </Flex>
      {open && (
        <ActionForm
          campaignId={campaignId}
          detail={detail}
          action={open}
          onClose={() => setOpen(null)}
          onDone={(r) => {
            setOpen(null);
            onDone(r);
          }}
        />
      )}
    </>
  );
}
