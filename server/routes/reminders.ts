import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { CampaignParamsSchema, ErrorBodySchema } from '../../api/common';
import { RemindersBodySchema, RemindersResultSchema, type RemindersResult } from '../../api/desk';
import { ROLE_LABEL } from '../../domain/accounts';
import { UserError } from '../../domain/errors';
import { sendAction } from '../../services/actions';
import { forEachLimit } from '../../services/campaigns';
import { audit } from '../audit';
import type { Desk } from '../context';
import { toUserError } from '../errors';
import { campaignOf, visibleProblem } from '../remit';
import { me } from '../session';

// The office's bulk 催办: one `remind` action per selected problem, each through its workflow like
// a single 催办 (the workflow tells the department and keeps the record). One problem refused —
// closed, unknown, out of remit — never stops the others; every outcome is audited per problem.

/** Updates in flight at once: enough to finish 500 problems in seconds without flooding Temporal. */
const PARALLEL = 8;

type Outcome = { no: number; sent: true } | { no: number; sent: false; code: string; message: string };

async function remindOne(desk: Desk, req: FastifyRequest, campaignId: string, no: number, text: string | undefined): Promise<Outcome> {
  try {
    await visibleProblem(desk, req, campaignId, no);
    const result = await sendAction(desk.temporal, campaignId, no, 'remind', { actor: me(req).personId, text });
    await audit(desk, req, 'action', { campaignId, problemNo: no }, { action: 'remind', bulk: true, status: result.status, version: result.version }).catch((err: unknown) =>
      req.log.error({ err, campaignId, no }, 'desk audit row not written; the reminder was sent'),
    );
    return { no, sent: true };
  } catch (e) {
    const user = toUserError(e);
    if (!user) req.log.error({ err: e, campaignId, no }, 'bulk remind failed');
    const refused = user ?? new UserError('服务器内部错误，未能催办', 'Unavailable');
    await audit(desk, req, 'action-refused', { campaignId, problemNo: no }, { action: 'remind', bulk: true, code: refused.code, message: refused.message });
    return { no, sent: false, code: refused.code, message: refused.message };
  }
}

export function registerReminderRoutes(app: FastifyInstance, desk: Desk): void {
  app.withTypeProvider<ZodTypeProvider>().post(
    '/api/campaigns/:id/reminders',
    {
      schema: {
        tags: ['工作台'],
        summary: '批量催办（办公室）：对每个选中的问题发一次催办，逐个返回结果',
        params: CampaignParamsSchema,
        body: RemindersBodySchema,
        response: { 200: RemindersResultSchema, 400: ErrorBodySchema, 403: ErrorBodySchema, 404: ErrorBodySchema },
      },
    },
    async (req): Promise<RemindersResult> => {
      const user = me(req);
      if (user.role !== 'office') throw new UserError(`只有领导小组办公室可以催办（您的角色：${ROLE_LABEL[user.role]}）`, 'Forbidden');
      const { campaign } = await campaignOf(desk, req.params.id);
      const nos = [...new Set(req.body.nos)];
      const outcomes = new Map<number, Outcome>();
      await forEachLimit(nos, PARALLEL, async (no) => {
        outcomes.set(no, await remindOne(desk, req, campaign.id, no, req.body.text || undefined));
      });
      const inOrder = nos.map((no) => outcomes.get(no)!);
      return {
        sent: inOrder.filter((o) => o.sent).map((o) => o.no),
        refused: inOrder.flatMap((o) => (o.sent ? [] : [{ no: o.no, code: o.code, message: o.message }])),
      };
    },
  );
}
