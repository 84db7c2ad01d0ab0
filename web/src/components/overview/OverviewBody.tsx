import { Card, Col, Row, Typography } from 'antd';
import type { Overview } from '../../api/desk';
import { DepartmentBars } from './DepartmentBars';
import { DueSoon } from './DueSoon';
import { HeadlineCards, headlineOf } from './Headline';
import { OverdueHeatmap } from './OverdueHeatmap';
import { PeriodProgress } from './PeriodProgress';
import { StatusPie } from './StatusPie';

// Loaded on demand by OverviewPage: ECharts stays out of the bundle the other pages (and phones) load.

const hint = (text: string) => (
  <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 'normal' }}>
    {text}
  </Typography.Text>
);

export default function OverviewBody({ campaignId, data }: { campaignId: string; data: Overview }) {
  return (
    <>
      <HeadlineCards campaignId={campaignId} h={headlineOf(data)} />
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col xs={24} lg={10}>
          <Card title="集中整改期进度" style={{ height: '100%' }}>
            <PeriodProgress p={data.period} />
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <Card title="状态分布" extra={hint('点击扇区查看该状态的问题')} style={{ height: '100%' }}>
            <StatusPie campaignId={campaignId} byStatus={data.byStatus} />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card title="各科室整改情况" extra={hint('点击柱子查看该科室的问题')}>
            <DepartmentBars campaignId={campaignId} lines={data.byDepartment} />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card title="逾期分布（科室 × 周）" extra={hint('点击格子查看逾期问题')}>
            <OverdueHeatmap campaignId={campaignId} map={data.overdueHeatmap} />
          </Card>
        </Col>
        <Col xs={24}>
          <Card title={`两周内到期（${data.dueSoon.total}）`}>
            <DueSoon campaignId={campaignId} list={data.dueSoon} />
          </Card>
        </Col>
      </Row>
    </>
  );
}
