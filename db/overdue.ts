import { isDeadlineActive } from '../domain/problem';
import { STATUSES } from '../domain/problem-types';

/**
 * A problem is overdue when its deadline has passed while the department is still expected to act
 * (the statuses in which the workflow runs its deadline timers). Closed, phase-complete and
 * problems waiting in closure review are not: the department has done its part. One definition for
 * every query, so a list of overdue problems always agrees with the headline figure.
 */
export const OVERDUE_STATUSES: readonly string[] = STATUSES.filter(isDeadlineActive);
