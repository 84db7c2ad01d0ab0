import * as wf from '@temporalio/workflow';
import type { UpdateDefinition } from '@temporalio/common';
import type { RectifyActivities } from './activity-types';
import { calendarCoverage } from '../domain/calendar';
import { shanghaiInstant } from '../domain/dates';
import { RejectedAction } from '../domain/errors';
import { campaignWorkflowId } from '../domain/ids';
import { applyAction, newProblemData, validateAction } from '../domain/problem';
import { calendarNotices, fireDueEvents, nextWakeAt } from '../domain/problem-events';
import type { ActionName, OutgoingNotification, ProblemData } from '../domain/problem-types';
import { ActionResult, ProblemWorkflowInput, SearchAttributes, stateQuery, updates } from './definitions';

const { recordProblem, notify, recordProblemWithNotices } = wf.proxyActivities<RectifyActivities>({
  startToCloseTimeout: '30 seconds',
  // Retried until the database answers; at most 5 s apart, so the ledger catches up within
  // seconds of an outage's end. (Retry options are not part of a replay's determinism check.)
  retry: { initialInterval: '1 second', maximumInterval: '5 seconds' },
});

/** Far below Temporal's 50k-event limit, so a problem's history never comes near it. */
const DEFAULT_MAX_HISTORY_EVENTS = 2_000;

/** The last year of holiday data this code first shipped with (chinese-days 1.5.7). */
const CALENDAR_BASE_YEAR = 2026;

/**
 * Once per run: does this problem follow China's working days? Runs recorded before the calendar
 * existed have no marker, so they replay on calendar days; the state keeps the answer across
 * continue-as-new, and a new run of an old problem takes the calendar up from its start.
 */
function decideCalendar(data: ProblemData): void {
  if (data.calendarThrough === undefined && wf.patched('working-day-calendar')) data.calendarThrough = CALENDAR_BASE_YEAR;
}

/**
 * Newer holiday data (a year announced after this run began) is taken up at a wake-up behind a
 * marker of its own, so a replay on newer data still computes what its recording computed.
 */
function takeUpHolidayData(data: ProblemData): void {
  if (data.calendarThrough === undefined) return;
  for (let y = data.calendarThrough + 1; y <= calendarCoverage().to && wf.patched(`holiday-data-${y}`); y++) data.calendarThrough = y;
}

/**
 * Catch-up collapse (domain/policy.ts collapseDue): from the first wake-up of a run that reaches
 * this code. A replay of a run recorded before it finds no marker and fires as it did then.
 */
function takeUpCatchUpRule(data: ProblemData): void {
  if (!data.catchUp && wf.patched('catch-up-collapse')) data.catchUp = true;
}

function toFailure(e: unknown): unknown {
  return e instanceof RejectedAction ? wf.ApplicationFailure.nonRetryable(e.message, e.type) : e;
}

/** The run's bookkeeping around the plain state: what is written to the database so far. */
class ProblemRun {
  private persistedVersion: number;
  private persistedSeq: number;
  private outbox: OutgoingNotification[] = [];
  /** Notices that belong to the whole campaign, deduplicated under its workflow id. */
  private campaignOutbox: OutgoingNotification[] = [];
  private lastSearchAttributes = '';

  constructor(
    readonly data: ProblemData,
    private readonly workflowId: string,
    recorded: boolean,
  ) {
    // A continued run starts from state whose every change was flushed before continue-as-new; a
    // run started from a first step written at loading (input.recorded) likewise.
    this.persistedVersion = data.history.length || recorded ? data.version : -1;
    this.persistedSeq = data.history.length;
  }

  get dirty(): boolean {
    return this.persistedVersion < this.data.version || this.outbox.length > 0 || this.campaignOutbox.length > 0;
  }

  isPersisted(version: number): boolean {
    return this.persistedVersion >= version;
  }

  queue(notes: OutgoingNotification[]): void {
    this.outbox.push(...notes);
  }

  queueForCampaign(notes: OutgoingNotification[]): void {
    this.campaignOutbox.push(...notes);
  }

  /** The only writer: handlers change state and wait; this loop writes it out in order. */
  async flush(): Promise<void> {
    while (this.dirty) {
      const version = this.data.version;
      const audit = this.data.history.slice(this.persistedSeq);
      const notes = this.outbox.splice(0);
      const campaignNotes = this.campaignOutbox.splice(0);
      const { history: _h, sent: _s, ...snapshot } = this.data;
      const { campaignId, no } = this.data;
      const mine = { campaignId, problemNo: no, workflowId: this.workflowId, notifications: notes };
      const campaign = { campaignId, workflowId: campaignWorkflowId(campaignId), notifications: campaignNotes };
      if (wf.patched('one-write-per-flush')) {
        // One activity instead of up to three: a morning of reminders costs one workflow task less each.
        await recordProblemWithNotices({ workflowId: this.workflowId, snapshot, audit, notices: [mine, campaign].filter((n) => n.notifications.length) });
      } else {
        await recordProblem({ workflowId: this.workflowId, snapshot, audit });
        if (notes.length) await notify(mine);
        if (campaignNotes.length) await notify(campaign);
      }
      this.persistedSeq += audit.length;
      this.persistedVersion = version;
    }
  }

  syncSearchAttributes(): void {
    const d = this.data;
    const key = [d.status, d.warning, d.deadline ?? ''].join('|');
    if (key === this.lastSearchAttributes) return;
    this.lastSearchAttributes = key;
    wf.upsertSearchAttributes([
      { key: SearchAttributes.campaign, value: d.campaignId },
      { key: SearchAttributes.department, value: d.remit.department },
      { key: SearchAttributes.status, value: d.status },
      { key: SearchAttributes.warning, value: d.warning },
      { key: SearchAttributes.deadline, value: d.deadline ? shanghaiInstant(d.deadline) : null },
    ]);
  }
}

export async function problemWorkflow(input: ProblemWorkflowInput): Promise<ProblemData> {
  if (!input.state && !input.create) throw wf.ApplicationFailure.nonRetryable('缺少问题数据', 'InvalidInput');
  const data = input.state ?? newProblemData(input.create!, Date.now());
  const run = new ProblemRun(data, wf.workflowInfo().workflowId, input.state !== undefined && input.recorded === true);
  const maxHistoryEvents = input.maxHistoryEvents ?? DEFAULT_MAX_HISTORY_EVENTS;
  decideCalendar(data);

  wf.setHandler(stateQuery, () => data);
  for (const name of Object.keys(updates) as ActionName[]) {
    // Every action shares one handler shape; the payload is checked by the domain's zod schema.
    const def = updates[name] as UpdateDefinition<ActionResult, [unknown]>;
    wf.setHandler(
      def,
      async (raw: unknown): Promise<ActionResult> => {
        try {
          const now = Date.now();
          const { args, actor } = validateAction(data, name, raw, now);
          run.queue(applyAction(data, name, args, actor, now));
        } catch (e) {
          throw toFailure(e);
        }
        const version = data.version;
        // Answer only once the change is in the ledger, so the caller reads what it just did.
        await wf.condition(() => run.isPersisted(version));
        return { status: data.status, version, summary: data.history[version - 1]?.summary ?? '' };
      },
      {
        validator: (raw: unknown) => {
          try {
            validateAction(data, name, raw, Date.now());
          } catch (e) {
            throw toFailure(e);
          }
        },
      },
    );
  }

  for (;;) {
    takeUpHolidayData(data);
    takeUpCatchUpRule(data);
    run.queue(fireDueEvents(data, Date.now()));
    run.queueForCampaign(calendarNotices(data, Date.now()));
    await run.flush();
    run.syncSearchAttributes();
    if (data.status === 'closed' && data.lookBackDone) {
      await drainHandlers(run);
      wf.log.info('问题已销号并完成回头看', { campaignId: data.campaignId, no: data.no });
      return data;
    }
    const info = wf.workflowInfo();
    if (info.continueAsNewSuggested || info.historyLength >= maxHistoryEvents) {
      await drainHandlers(run);
      await wf.continueAsNew<typeof problemWorkflow>({ state: data, maxHistoryEvents });
    }
    const seen = data.version;
    const wake = nextWakeAt(data, Date.now());
    const changed = () => data.version !== seen || run.dirty;
    if (wake === undefined) await wf.condition(changed);
    else await wf.condition(changed, Math.max(wake - Date.now(), 1));
  }
}

/** Handlers wait for the flush, so keep flushing until none is left in flight. */
async function drainHandlers(run: ProblemRun): Promise<void> {
  while (!wf.allHandlersFinished()) {
    await wf.condition(() => wf.allHandlersFinished() || run.dirty);
    await run.flush();
  }
}
