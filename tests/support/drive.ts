import { WorkflowHandle, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { addDays, shanghaiInstant } from '../../domain/dates';
import type { ActionInput, ActionName, ProblemData } from '../../domain/problem-types';
import { ActionResult, stateQuery, updates } from '../../workflows/definitions';

export const DAY = 24 * 3600_000;
export const HASH = 'e'.repeat(64);
export const textEvidence = (text: string) => ({ kind: 'text' as const, text, sha256: HASH });

export function act<A extends ActionName>(handle: WorkflowHandle, action: A, input: ActionInput<A>): Promise<ActionResult> {
  const def = updates[action] as unknown as typeof updates.claim;
  return handle.executeUpdate(def, { args: [input as ActionInput<'claim'>] });
}

/** The ApplicationFailure behind a rejected update; fails the test if the update was accepted. */
export async function rejected<A extends ActionName>(handle: WorkflowHandle, action: A, input: ActionInput<A>): Promise<ApplicationFailure> {
  try {
    await act(handle, action, input);
  } catch (e) {
    if (e instanceof WorkflowUpdateFailedError && e.cause instanceof ApplicationFailure) return e.cause;
    throw e;
  }
  throw new Error(`${action} was accepted`);
}

/** Problem 1 of smallLedger from claim to an approved plan with one measure (M1). */
export async function toInProgress(handle: WorkflowHandle): Promise<void> {
  await act(handle, 'claim', { actor: 'fin1' });
  await act(handle, 'submitPlan', { actor: 'fin1' });
  await act(handle, 'decidePlan', { actor: 'vp1', approve: true });
}

export async function toClosed(handle: WorkflowHandle): Promise<void> {
  await toInProgress(handle);
  await act(handle, 'completeMeasure', { actor: 'fin1', measureId: 'M1', evidence: [textEvidence('已印发《报销管理办法》')], outcomes: { regulations: 1, fundsRecoveredWan: 2.5 } });
  await act(handle, 'requestClosure', { actor: 'fin1' });
  await act(handle, 'reviewClosure', { actor: 'vp1', approve: true });
  await act(handle, 'verifyClosure', { actor: 'office1', approve: true });
  await act(handle, 'approveClosure', { actor: 'head', approve: true });
}

/** Scheduled events the workflow fired, as [type, Shanghai 'YYYY-MM-DD HH:mm'] pairs. */
export function systemEvents(s: ProblemData): [string, string][] {
  return s.history.filter((h) => h.actor.id === 'system').map((h) => [h.action, shanghaiMinute(Date.parse(h.at))]);
}

export function shanghaiMinute(t: number): string {
  return new Date(t + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/** 'YYYY-MM-DD 09:00' for the day `offset` days from `date`. */
export const nineOn = (date: string, offset = 0) => shanghaiMinute(shanghaiInstant(addDays(date, offset), 9).getTime());

/**
 * The default policy's escalation ladder for a deadline, written out by hand (not computed by the
 * scheduler under test): the first `n` events in the order they must fire.
 */
export function ladder(deadline: string, n: number): [string, string][] {
  const all: [string, string][] = [
    ['reminder', nineOn(deadline, -7)],
    ['reminder', nineOn(deadline, -3)],
    ['reminder', nineOn(deadline, -1)],
    ['due-today', nineOn(deadline)],
    ['warning-yellow', nineOn(deadline, 1)],
    ['warning-red', nineOn(deadline, 7)],
    ['overdue-weekly', nineOn(deadline, 7)],
    ['overdue-weekly', nineOn(deadline, 14)],
  ];
  return all.slice(0, n);
}

/** Retries an assertion until it holds: timers fire and activities write shortly after a sleep. */
export async function eventually<T>(fn: () => Promise<T>, timeoutMs = 20_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await fn();
    } catch (e) {
      if (Date.now() > end) throw e;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

export async function stateOf(handle: WorkflowHandle): Promise<ProblemData> {
  return handle.query(stateQuery);
}
