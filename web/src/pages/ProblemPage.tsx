import { ArrowLeftOutlined } from '@ant-design/icons';
import { Card, Col, Divider, Flex, Row } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { getProblem } from '../api/problems';
import { useLoad } from '../api/useLoad';
import { ActionBar } from '../components/actions/ActionBar';
import { ErrorResult } from '../components/ErrorResult';
import { Loading } from '../components/Loading';
import { PageTitle } from '../components/PageTitle';
import { LifecycleSteps } from '../components/problem/LifecycleSteps';
import { MeasureList } from '../components/problem/MeasureList';
import { OutcomeFigures } from '../components/problem/OutcomeFigures';
import { ProblemFacts } from '../components/problem/ProblemFacts';
import { ProblemTimeline } from '../components/problem/ProblemTimeline';
import { UpcomingList } from '../components/problem/UpcomingList';
import { StatusTag } from '../components/StatusTag';
import { useCampaign } from '../layout/CampaignScope';
import { pathOf } from '../layout/nav';
import { useIsPhone } from '../layout/useIsPhone';

/** 问题档案: one problem in full — where it stands, what to do next, its measures, evidence and story. */
export function ProblemPage() {
  const { id: campaignId } = useCampaign();
  const no = Number(useParams().no);
  const phone = useIsPhone();
  const valid = Number.isInteger(no) && no > 0;
  const { data, error, reload } = useLoad(valid ? `${campaignId}/${no}` : null, (signal) => getProblem(campaignId, no, signal));
  const back = (
    <Link to={pathOf('ledger', campaignId)}>
      <ArrowLeftOutlined /> 返回台账
    </Link>
  );
  if (!valid) return <ErrorResult error={new Error('问题序号应为正整数')} />;
  if (error && !data) return <ErrorResult error={error} onRetry={reload} />;
  if (!data) return <Loading />;
  const { row, state } = data;
  const card = { size: 'small' as const, style: { marginBottom: 16 } };
  return (
    <>
      <PageTitle title={`问题${no}`} extra={back} />
      <Card {...card}>
        <Flex gap={8} align="center" wrap style={{ marginBottom: 16 }}>
          <StatusTag status={state.status} />
          <span style={{ fontWeight: 600, fontSize: 16 }}>{state.title}</span>
        </Flex>
        <LifecycleSteps kind={state.kind} status={state.status} vertical={phone} />
        <Divider style={{ margin: '16px 0 12px' }} />
        <ActionBar campaignId={campaignId} detail={data} onDone={reload} stacked={phone} />
      </Card>
      <Row gutter={16}>
        <Col xs={24} lg={15}>
          <Card {...card} title="基本情况">
            <ProblemFacts row={row} state={state} columns={phone ? 1 : 2} />
          </Card>
          <Card {...card} title="整改措施与佐证材料">
            <MeasureList campaignId={campaignId} state={state} evidence={data.evidence} />
          </Card>
          <Card {...card} title="整改成效">
            <OutcomeFigures outcomes={row.outcomes} />
          </Card>
        </Col>
        <Col xs={24} lg={9}>
          <Card {...card} title="即将发出的提醒和预警">
            <UpcomingList events={data.upcoming} />
          </Card>
          <Card {...card} title="办理记录">
            <ProblemTimeline history={state.history} told={data.told} />
          </Card>
        </Col>
      </Row>
    </>
  );
}
