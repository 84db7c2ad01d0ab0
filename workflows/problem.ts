import * as wf from '@temporalio/workflow';
import type { UpdateDefinition } from '@temporalio/common';
import type { RectifyActivities } from '../activities/types';
import { shanghaiInstant } from '../domain/dates';
import { RejectedAction } from '../domain/errors';
import { applyAction, newProblemData, validateAction } from '../domain/problem';
import { fireDueEvents, nextWakeAt } from '../domain/problem-events';
import type { ActionName, OutgoingNotification, ProblemData } from '../domain/problem-types';
import { ActionResult, ProblemWorkflowInput, SearchAttributes, stateQuery, updates } from './definitions';

const { recordProblem, notify } = wf.proxyActivities<RectifyActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/** Far below Temporal's 50k-event limit, so a problem's history never comes near it. */
const DEFAULT_MAX_HISTORY_EVENTS = 2_000;

function toFailure(e: unknown): unknown {
  return e instanceof RejectedAction ? wf.ApplicationFailure.nonRetryable(e.message, e.type) : e;
}

/** The run's bookkeeping around the plain state: what is written to the database so far. */
class ProblemRun {
  private persistedVersion: number;
  private persistedSeq: number;
  private outbox: OutgoingNotification[] = [];
  private lastSearchAttributes = '';

  constructor(
    readonly data: ProblemData,
    private readonly workflowId: string,
  ) {
    // A continued run starts from state whose every change was flushed before continue-as-new.
    this.persistedVersion = data.history.length ? data.version : -1;
    this.persistedSeq = data.history.length;
  }

  get dirty(): boolean {
    return this.persistedVersion < this.data.version || this.outbox.length > 0;
  }

  isPersisted(version: number): boolean {
    return this.persistedVersion >= version;
  }

  queue(notes: OutgoingNotification[]): void {
    this.outbox.push(...notes);
  }

  /** The only writer: handlers change state and wait; this loop writes it out in order. */
  async flush(): Promise<void> {
    while (this.dirty) {
      const version = this.data.version;
      const audit = this.data.history.slice(this.persistedSeq);
      const notes = this.outbox.splice(0);
      const { history: _h, sent: _s, ...snapshot } = this.data;
      await recordProblem({ workflowId: this.workflowId, snapshot, audit });
      if (notes.length) {
        await notify({ campaignId: this.data.campaignId, problemNo: this.data.no, workflowId: this.workflowId, notifications: notes });
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
  const run = new ProblemRun(data, wf.workflowInfo().workflowId);
  const maxHistoryEvents = input.maxHistoryEvents ?? DEFAULT_MAX_HISTORY_EVENTS;

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
    run.queue(fireDueEvents(data, Date.now()));
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
