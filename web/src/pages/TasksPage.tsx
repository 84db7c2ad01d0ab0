import { AuditOutlined, ClockCircleOutlined, EditOutlined, FlagOutlined, RollbackOutlined, SmileOutlined } from '@ant-design/icons';
import { App, Button, Result, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { ApiError } from '../api/client';
import { getTasks } from '../api/desk';
import { sendAction } from '../api/problems';
import { useLoad } from '../api/useLoad';
import { ErrorResult } from '../components/ErrorResult';
import { Loading } from '../components/Loading';
import { PageTitle } from '../components/PageTitle';
import { bigButton, MeasureTask, ProblemTask, ReturnedTask, WaitingTask } from '../components/tasks/TaskItems';
import { TaskSection } from '../components/tasks/TaskSection';
import { useCampaign } from '../layout/CampaignScope';
import { problemPath } from '../layout/nav';
import { useIsPhone } from '../layout/useIsPhone';

/** 我的任务: what waits for me, most urgent first; every item opens its 问题档案. Works at phone width. */
export function TasksPage() {
  const { id: campaignId, name } = useCampaign();
  const phone = useIsPhone();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const { data, error, reload } = useLoad(`tasks:${campaignId}`, (signal) => getTasks(campaignId, signal));
  const [claiming, setClaiming] = useState<number | null>(null);

  const claim = async (no: number) => {
    setClaiming(no);
    try {
      await sendAction(campaignId, no, 'claim', {});
      message.success(`已认领问题${no}，下一步请制定整改措施`);
      reload();
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '认领失败，请重试');
    } finally {
      setClaiming(null);
    }
  };

  const title = <PageTitle title="我的任务" extra={<Typography.Text type="secondary">{name}</Typography.Text>} />;
  if (error) return <>{title}<ErrorResult error={error} onRetry={reload} /></>;
  if (!data) return <>{title}<Loading /></>;
  const { toClaim, toPlan, measuresDue, returned, waitingForMe } = data;
  const count = toClaim.total + toPlan.total + measuresDue.total + returned.total + waitingForMe.total;
  if (count === 0) {
    return (
      <>
        {title}
        <Result icon={<SmileOutlined style={{ color: '#52c41a' }} />} title="暂无待办" subTitle="您手头的事项都已处理完毕，辛苦了！有新任务时会在这里提醒您。" data-testid="tasks-empty" />
      </>
    );
  }
  const block = { ...bigButton, minWidth: phone ? undefined : 140 };
  return (
    <div style={{ maxWidth: 960 }}>
      {title}
      <Typography.Paragraph type="secondary">共 {count} 项待办，最紧急的排在前面。点击标题可查看问题档案。</Typography.Paragraph>
      {returned.total > 0 && (
        <TaskSection id="returned" title="被退回的事项" hint="请按退回理由修改后重新提交。" icon={<RollbackOutlined />} total={returned.total} shown={returned.items.length}>
          {returned.items.map((r) => <ReturnedTask key={`${r.no}-${r.at}`} campaignId={campaignId} r={r} phone={phone} />)}
        </TaskSection>
      )}
      {waitingForMe.total > 0 && (
        <TaskSection id="waiting" title="等待我处理" hint="审批、核验和延期申请，等得最久的在前。" icon={<AuditOutlined />} total={waitingForMe.total} shown={waitingForMe.items.length}>
          {waitingForMe.items.map((w) => <WaitingTask key={`${w.no}-${w.kind}`} campaignId={campaignId} w={w} phone={phone} />)}
        </TaskSection>
      )}
      {toClaim.total > 0 && (
        <TaskSection id="toClaim" title="待认领" hint="认领后即由本科室负责整改，下一步制定整改措施。" icon={<FlagOutlined />} total={toClaim.total} shown={toClaim.items.length}>
          {toClaim.items.map((p) => (
            <ProblemTask
              key={p.no}
              campaignId={campaignId}
              p={p}
              section="toClaim"
              action={
                <Button type="primary" block={phone} style={block} loading={claiming === p.no} disabled={claiming !== null && claiming !== p.no} onClick={() => void claim(p.no)}>
                  认领
                </Button>
              }
            />
          ))}
        </TaskSection>
      )}
      {toPlan.total > 0 && (
        <TaskSection id="toPlan" title="待制定措施" hint="请制定整改措施并提交责任领导审批。" icon={<EditOutlined />} total={toPlan.total} shown={toPlan.items.length}>
          {toPlan.items.map((p) => (
            <ProblemTask
              key={p.no}
              campaignId={campaignId}
              p={p}
              section="toPlan"
              action={
                <Button block={phone} style={block} onClick={() => void navigate(problemPath(campaignId, p.no))}>
                  去制定措施
                </Button>
              }
            />
          ))}
        </TaskSection>
      )}
      {measuresDue.total > 0 && (
        <TaskSection id="measures" title="即将到期的措施" hint="尚未完成的整改措施，时限最近的在前；完成后请上传佐证材料。" icon={<ClockCircleOutlined />} total={measuresDue.total} shown={measuresDue.items.length}>
          {measuresDue.items.map((m) => <MeasureTask key={`${m.no}-${m.measureId}`} campaignId={campaignId} m={m} />)}
        </TaskSection>
      )}
    </div>
  );
}
