import { Col, Row, Statistic } from 'antd';
import { OUTCOME_FIGURES, formatOutcome, type Outcomes } from '../../../../domain/outcomes';

/** The problem's outcome figures (成效), summed over its measures: 建章立制 N 项, 挽回资金损失 N 万元, … */
export function OutcomeFigures({ outcomes }: { outcomes: Outcomes }) {
  return (
    <Row gutter={[16, 12]}>
      {OUTCOME_FIGURES.map((f) => (
        <Col key={f.key} xs={12} sm={8} lg={8}>
          <Statistic title={f.label} value={formatOutcome(f, outcomes[f.key])} suffix={f.unit} styles={{ content: { fontSize: 20 } }} />
        </Col>
      ))}
    </Row>
  );
}
