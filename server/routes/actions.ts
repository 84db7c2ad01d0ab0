import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBodySchema, ProblemParamsSchema } from '../../api/common';
import { ACTION_NAMES, ActionBodySchemas, ActionResultSchema } from '../../api/problems';
import { findEvidenceUpload } from '../../db/queries/find-evidence-upload';
import { ROLE_LABEL } from '../../domain/accounts';
import { UserError } from '../../domain/errors';
import { deskAllows } from '../../domain/permissions';
import { ACTION_LABEL, type ActionInput, type ActionName, type Evidence } from '../../domain/problem-types';
import { sendAction, textEvidence } from '../../services/actions';
import { audit } from '../audit';
import type { Desk } from '../context';
import { visibleProblem } from '../remit';
import { me } from '../session';

/** Longest text an action may carry (a reason, a measure, a progress report): a form's worth. */
const MAX_TEXT = 2000;
/** Most items of a list (measures of a plan): a ledger's problem has a handful. */
const MAX_ITEMS = 100;

/** Where a body holds a text or a list over the bounds, with the message for each. */
function overlong(v: unknown, path: (string | number)[] = []): [(string | number)[], string][] {
  if (typeof v === 'string') return v.length > MAX_TEXT ? [[path, `最多 ${MAX_TEXT} 个字`]] : [];
  if (Array.isArray(v)) {
    if (v.length > MAX_ITEMS) return [[path, `最多 ${MAX_ITEMS} 项`]];
    return v.flatMap((x, i) => overlong(x, [...path, i]));
  }
  if (v && typeof v === 'object') return Object.entries(v).flatMap(([k, x]) => overlong(x, [...path, k]));
  return [];
}

/**
 * The body schema, with every text and list bounded: the domain's schemas leave reasons, texts
 * and the measures of a plan open, and a 100 000-character "reason" would otherwise go into the
 * workflow's history for good.
 */
const bounded = (schema: z.ZodTypeAny) =>
  schema.superRefine((body, ctx) => {
    for (const [path, message] of overlong(body)) ctx.addIssue({ code: z.ZodIssueCode.custom, path, message });
  }) as z.ZodType<Record<string, unknown>>;

type EvidenceRef = { kind: 'file'; sha256: string } | { kind: 'text'; text: string };

/** File evidence carries what the server stored, never what the client claims about it. */
async function resolveEvidence(desk: Desk, campaignId: string, no: number, refs: EvidenceRef[]): Promise<Evidence[]> {
  return Promise.all(
    refs.map(async (ref, i) => {
      if (ref.kind === 'text') return textEvidence(ref.text);
      const upload = await findEvidenceUpload(desk.db, { campaignId, problemNo: no, sha256: ref.sha256 });
      if (!upload) {
        const message = '找不到这份文件：请先上传到本问题，再提交';
        throw new UserError(`evidence.${i}.sha256: ${message}`, 'InvalidInput', [{ path: `evidence.${i}.sha256`, message }]);
      }
      return { kind: 'file' as const, name: upload.name, size: upload.size, sha256: upload.sha256, mime: upload.mime };
    }),
  );
}

async function act(desk: Desk, req: FastifyRequest, action: ActionName, campaignId: string, no: number, body: Record<string, unknown>) {
  const user = me(req);
  try {
    // The remit first: another department's problem is "not found", whatever the action.
    await visibleProblem(desk, req, campaignId, no);
    if (!deskAllows(user, action)) {
      throw new UserError(`您的角色（${ROLE_LABEL[user.role]}）不能${ACTION_LABEL[action]}`, 'Forbidden');
    }
    const payload = action === 'completeMeasure' ? { ...body, evidence: await resolveEvidence(desk, campaignId, no, body.evidence as EvidenceRef[]) } : body;
    const input = { ...payload, actor: user.personId } as ActionInput<typeof action>;
    const result = await sendAction(desk.temporal, campaignId, no, action, input);
    // The action stands (the workflow's history has it, actor included): a trail row the database
    // cannot take now must not turn the answer into a failure.
    await audit(desk, req, 'action', { campaignId, problemNo: no }, { action, status: result.status, version: result.version, recorded: result.recorded }).catch((err: unknown) =>
      req.log.error({ err, campaignId, no, action }, 'desk audit row not written; the action was applied'),
    );
    return result;
  } catch (e) {
    // Every attempt is in the trail, the refused ones too: by the remit, the role or the workflow.
    if (e instanceof UserError) await audit(desk, req, 'action-refused', { campaignId, problemNo: no }, { action, code: e.code, message: e.message });
    throw e;
  }
}

/** One route per lifecycle action, each answering with its Workflow Update's result. */
export function registerActionRoutes(app: FastifyInstance, desk: Desk): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  for (const action of ACTION_NAMES) {
    r.post(
      `/api/campaigns/:id/problems/:no/actions/${action}`,
      {
        schema: {
          tags: ['整改操作'],
          summary: ACTION_LABEL[action],
          params: ProblemParamsSchema,
          body: bounded(ActionBodySchemas[action]),
          response: { 200: ActionResultSchema, 400: ErrorBodySchema, 403: ErrorBodySchema, 404: ErrorBodySchema, 409: ErrorBodySchema },
        },
      },
      (req) => act(desk, req, action, req.params.id, req.params.no, req.body),
    );
  }
}
