import { calendarCoverage } from './calendar';
import { newProblemData, type NewProblem } from './problem';
import { calendarNotices, fireDueEvents } from './problem-events';
import type { OutgoingNotification, ProblemData } from './problem-types';

export interface FirstRun {
  /** The state after the first step, at the version the workflow starts from. */
  data: ProblemData;
  /** Notices due at once, to the problem's own people. */
  notes: OutgoingNotification[];
  /** Notices filed under the campaign (one per campaign, deduplicated by key). */
  campaignNotes: OutgoingNotification[];
}

/**
 * A new problem's first step, computed where the ledger is loaded: what a problem workflow on
 * today's code does before its first wait — the working-day calendar up to the holiday data at
 * hand, the catch-up rule, the notices due now. Loading writes this state and its notices with the
 * same queries the workflow's activities use, then starts the workflow from it (`recorded`), so a
 * campaign of thousands needs no activity per problem before each is ready. Pure: it is the same
 * function the workflow would have run, and the workflow re-checks every due event when it wakes.
 */
export function firstRun(create: NewProblem, now: number): FirstRun {
  const data = newProblemData(create, now);
  data.calendarThrough = calendarCoverage().to;
  data.catchUp = true;
  const notes = fireDueEvents(data, now);
  const campaignNotes = calendarNotices(data, now);
  return { data, notes, campaignNotes };
}
