// The fifty people of bench/desk-load.ts. Each problem is held by whoever must act on it next (the
// department, its leader, the office, the head) and only its holder acts on it, one action at a
// time, so every action sent is one the workflow must accept: a refusal or any other non-2xx
// answer is a real failure. The lifecycle loops: a closed problem is reopened by the office.
import { addDays } from '../domain/dates';
import type { ActionName, ProblemStatus } from '../domain/problem-types';
import type { Session } from './http';
import type { Samples } from './measure';

export type Role = 'dept' | 'leader' | 'office' | 'head';

export interface Tracked {
  no: number;
  dept: number;
  leader: string;
  owner: string;
  status: ProblemStatus;
  /** Measure ids not yet completed, in order. */
  open: string[];
  done: number;
  /** In planning: the plan has been written and may be submitted. */
  planned: boolean;
  busy: boolean;
}

export interface VUser {
  username: string;
  role: Role;
  dept?: number;
  session: Session;
}

export interface World {
  campaignId: string;
  today: string;
  problems: Tracked[];
  samples: Samples;
  errors: string[];
  /** GET /tasks answered "no such address": skip it rather than count it. */
  noTasks: boolean;
  random: () => number;
}

const HOLDER: Record<ProblemStatus, Role | undefined> = {
  assigned: 'dept', planning: 'dept', in_progress: 'dept', plan_review: 'leader', leader_review: 'leader',
  office_verification: 'office', head_approval: 'head', closed: 'office', phase_complete: undefined,
};

interface Step {
  action: ActionName;
  body: Record<string, unknown>;
  expect: ProblemStatus;
  apply(p: Tracked): void;
}

/** The next legal action on a problem, as its holder would take it; one plan or closure in ten is returned. */
function nextStep(p: Tracked, w: World): Step {
  const decide = (ok: ProblemStatus, back: ProblemStatus, apply: (p: Tracked) => void = () => undefined): Pick<Step, 'body' | 'expect' | 'apply'> =>
    w.random() < 0.9 ? { body: { approve: true }, expect: ok, apply: (x) => void (x.status = ok) }
      : { body: { approve: false, reason: '措施针对性不强，请修改后再报' }, expect: back, apply: (x) => ((x.status = back), apply(x)) };
  switch (p.status) {
    case 'assigned':
      return { action: 'claim', body: {}, expect: 'planning', apply: (x) => void (x.status = 'planning') };
    case 'planning':
      if (p.planned) return { action: 'submitPlan', body: {}, expect: 'plan_review', apply: (x) => void (x.status = 'plan_review') };
      return {
        action: 'planMeasures',
        body: { measures: ['修订完善相关制度', '开展专项检查'].map((text) => ({ text, owner: p.owner, due: addDays(w.today, 40) })) },
        expect: 'planning',
        // Open measures are replaced; new ones are numbered after the completed ones.
        apply: (x) => ((x.open = [`M${x.done + 1}`, `M${x.done + 2}`]), (x.planned = true)),
      };
    case 'plan_review':
      return { action: 'decidePlan', ...decide('in_progress', 'planning', (x) => void (x.planned = false)) };
    case 'in_progress':
      if (p.open.length) {
        return {
          action: 'completeMeasure',
          body: { measureId: p.open[0], evidence: [{ kind: 'text', text: '已修订制度并印发执行，附检查记录' }], outcomes: { regulations: 1 } },
          expect: 'in_progress',
          apply: (x) => ((x.open = x.open.slice(1)), (x.done += 1)),
        };
      }
      return { action: 'requestClosure', body: {}, expect: 'leader_review', apply: (x) => void (x.status = 'leader_review') };
    case 'leader_review':
      return { action: 'reviewClosure', ...decide('office_verification', 'in_progress') };
    case 'office_verification':
      return { action: 'verifyClosure', body: { approve: true }, expect: 'head_approval', apply: (x) => void (x.status = 'head_approval') };
    case 'head_approval':
      return { action: 'approveClosure', body: { approve: true }, expect: 'closed', apply: (x) => void (x.status = 'closed') };
    case 'closed':
    case 'phase_complete':
      return {
        action: 'reopen', body: { reason: '回头看发现问题反弹', deadline: addDays(w.today, 90) }, expect: 'planning',
        apply: (x) => ((x.status = 'planning'), (x.planned = false)),
      };
  }
}

/** The problems waiting for this user now (none in flight). */
function waitingFor(u: VUser, w: World): Tracked[] {
  return w.problems.filter((p) => !p.busy && HOLDER[p.status] === u.role
    && (u.role === 'dept' ? p.dept === u.dept : u.role === 'leader' ? p.leader === u.username : true));
}

function inRemit(u: VUser, w: World): Tracked[] {
  return u.role === 'dept' ? w.problems.filter((p) => p.dept === u.dept) : u.role === 'leader' ? w.problems.filter((p) => p.leader === u.username) : w.problems;
}

const LISTS = ['', 'sort=deadline', 'status=in_progress', 'overdue=true', 'q=制度', 'sort=lastActionAt&order=desc', 'status=plan_review,leader_review'];

async function read(u: VUser, w: World): Promise<void> {
  const base = `/api/campaigns/${w.campaignId}`;
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(w.random() * xs.length)]!;
  const r = w.random();
  const [kind, url] = r < 0.4 ? ['list', `${base}/problems?pageSize=50&${pick(LISTS)}`]
    : r < 0.75 ? ['detail', `${base}/problems/${pick(inRemit(u, w)).no}`]
    : !w.noTasks && r < 0.95 ? ['tasks', `${base}/tasks`]
    : ['me', '/api/auth/me'];
  const res = await u.session.get(url).catch((e: unknown) => ({ status: 0, body: String(e), ms: Number.NaN }));
  if (kind === 'tasks' && res.status === 404 && String(res.body?.error?.message ?? '').startsWith('没有这个地址')) {
    w.noTasks = true;
    return;
  }
  if (res.status !== 200) w.errors.push(`${u.username} GET ${url}: ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
  else w.samples.add(`read:${kind}`, res.ms);
}

async function act(u: VUser, w: World, p: Tracked): Promise<void> {
  p.busy = true;
  const step = nextStep(p, w);
  const url = `/api/campaigns/${w.campaignId}/problems/${p.no}/actions/${step.action}`;
  try {
    const res = await u.session.post(url, step.body).catch((e: unknown) => ({ status: 0, body: String(e), ms: Number.NaN }));
    if (res.status === 200 && res.body?.status === step.expect) {
      step.apply(p);
      w.samples.add(`action:${step.action}`, res.ms);
      return;
    }
    w.errors.push(`${u.username} POST ${url}: ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
    // Learn the problem's real state so later actions are legal again.
    const detail = await u.session.get(`/api/campaigns/${w.campaignId}/problems/${p.no}`);
    const state = detail.body?.state as { status: ProblemStatus; measures: { id: string; done: boolean }[] } | undefined;
    if (state) {
      p.status = state.status;
      p.open = state.measures.filter((m) => !m.done).map((m) => m.id);
      p.done = state.measures.length - p.open.length;
      p.planned = p.open.length > 0;
    }
  } finally {
    p.busy = false;
  }
}

/** One person for the whole run: acts half of the time when something waits for them, reads otherwise. */
export async function runUser(u: VUser, w: World, until: number): Promise<void> {
  while (performance.now() < until) {
    const waiting = waitingFor(u, w);
    if (waiting.length && w.random() < 0.5) await act(u, w, waiting[Math.floor(w.random() * waiting.length)]!);
    else await read(u, w);
  }
}
