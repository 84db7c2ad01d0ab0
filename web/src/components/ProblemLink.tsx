import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { problemPath } from '../layout/nav';

/** A link to the problem's page (问题档案); the text defaults to "问题{no}". */
export function ProblemLink({ campaignId, no, children }: { campaignId: string; no: number; children?: ReactNode }) {
  return <Link to={problemPath(campaignId, no)}>{children ?? `问题${no}`}</Link>;
}
