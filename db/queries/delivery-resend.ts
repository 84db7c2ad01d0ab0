import type { Channel } from '../../domain/contacts';
import { UserError } from '../../domain/errors';
import type { Db } from '../client';
import { reachKey, reachOfPeople } from './delivery-targets';

// The office's 重新发送: a failed delivery goes out again, on its own, to wherever its recipient is
// reached now (an address corrected since is used). It leaves its old message behind and gets a
// new one (a new key): the old one provably did not arrive.

export interface RequeuedDelivery {
  id: number;
  campaignId: string;
  problemNo: number | null;
  channel: Channel;
}

/** Queues a failed delivery again, due at `at`; a UserError when it cannot be. */
export async function requeueDelivery(db: Db, id: number, at: number): Promise<RequeuedDelivery> {
  return db.transaction(async (tx) => {
    const { rows: [d] } = await tx.query<RequeuedDelivery & { status: string; recipientId: string }>(
      `select id, campaign_id as "campaignId", problem_no as "problemNo", channel, status, recipient_id as "recipientId"
       from deliveries where id = $1 for update`,
      [id],
    );
    if (!d) throw new UserError(`没有编号为 ${id} 的发送记录`, 'NotFound');
    if (d.status !== 'failed') throw new UserError(`发送记录 ${id} 的状态不是“发送失败”，无需重新发送`, 'InvalidState');
    const reach = (await reachOfPeople(tx, [{ campaignId: d.campaignId, personId: d.recipientId }])).get(reachKey({ campaignId: d.campaignId, personId: d.recipientId })) ?? [];
    const r = reach.find((x) => x.channel === d.channel);
    if (!r) throw new UserError('此人现已不用这个渠道接收通知，无法重新发送', 'InvalidState');
    if ('unreachable' in r) throw new UserError(`无法重新发送：${r.unreachable}`, 'InvalidState');
    await tx.query(
      `update deliveries set target = $2, robot_id = $3, mention = $4, batch = $5, status = 'pending', not_before = $6, message_id = null,
         last_error = null, updated_at = $6 where id = $1`,
      [id, r.target, r.robotId, r.mention, `resend:${id}:${at}`, new Date(at)],
    );
    return { id: d.id, campaignId: d.campaignId, problemNo: d.problemNo, channel: d.channel };
  });
}
