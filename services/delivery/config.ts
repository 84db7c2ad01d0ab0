import path from 'node:path';
import { mkdirSync } from 'node:fs';
import type { CalendarDate } from '../../domain/dates';
import { isWorkingDay } from '../../domain/calendar';
import { parseQuietHours, type QuietHours } from '../../domain/delivery';
import type { Env } from '../env';
import { SecretBox, secretKeyFor } from '../secrets';
import { createEmailSender, type EmailSender } from './email';

// The delivery engine's settings per deployment, from the environment (services/env.ts).

export interface DeliveryConfig {
  /** smtp://user:pass@host:587; absent: email deliveries fail with "未配置发信服务器". A secret. */
  smtpUrl?: string;
  mailFrom: string;
  /** Links in messages point here; null: messages carry no links. */
  deskUrl: string | null;
  quietHours: QuietHours;
  /** Opens robots' webhooks and secrets (sealed in the database); built on first use. */
  secrets: () => SecretBox;
  /** Non-urgent messages wait for a working day's window (unless the campaign's policy says workingDays 'off'). */
  isWorkingDay: (date: CalendarDate) => boolean;
}

/** What the delivery activities need: the settings and the SMTP pool. */
export interface DeliveryDeps {
  config: DeliveryConfig;
  email: EmailSender;
}

/** Working days for the send window: China's, holidays and make-up days included (domain/calendar.ts). */
export const workingDay = (date: CalendarDate): boolean => isWorkingDay(date);

/** The address part of "整改办 <zgb@hospital.cn>" (or of a bare address). */
export function addressOf(from: string): string {
  return /<([^>]+)>/.exec(from)?.[1] ?? from.trim();
}

/** The sender: RECTIFY_MAIL_FROM, else the SMTP login when it is an address. */
function mailFromOf(e: Env): string {
  if (e.RECTIFY_MAIL_FROM) return e.RECTIFY_MAIL_FROM;
  try {
    const user = decodeURIComponent(new URL(e.RECTIFY_SMTP_URL ?? '').username);
    if (user.includes('@')) return `巡察整改工作台 <${user}>`;
  } catch {
    // no SMTP URL: fall through
  }
  return '巡察整改工作台 <rectify@localhost>';
}

export function deliveryConfigFromEnv(e: Env): DeliveryConfig {
  let box: SecretBox | undefined;
  return {
    smtpUrl: e.RECTIFY_SMTP_URL,
    mailFrom: mailFromOf(e),
    deskUrl: e.RECTIFY_DESK_URL ?? e.RECTIFY_PUBLIC_ORIGIN ?? `http://localhost:${e.PORT}`,
    quietHours: parseQuietHours(e.RECTIFY_QUIET_HOURS)!,
    secrets: () => {
      if (box) return box;
      const dataDir = path.resolve(e.RECTIFY_DATA_DIR);
      mkdirSync(dataDir, { recursive: true });
      return (box = new SecretBox(secretKeyFor(e.RECTIFY_SECRET_KEY, dataDir)));
    },
    isWorkingDay: workingDay,
  };
}

/**
 * Sends at any hour of any day: quiet hours off and every day a working day. For fault scripts and
 * tests on real time, which must see a notice go out whenever they run; deployments keep their
 * window (deliveryConfigFromEnv).
 */
export function alwaysOpenDelivery(o: { mailFrom: string; smtpUrl?: string; deskUrl?: string; secretKey: string }): DeliveryDeps {
  const box = new SecretBox(o.secretKey);
  return {
    config: { smtpUrl: o.smtpUrl, mailFrom: o.mailFrom, deskUrl: o.deskUrl ?? null, quietHours: parseQuietHours('off')!, secrets: () => box, isWorkingDay: () => true },
    email: createEmailSender({ smtpUrl: o.smtpUrl, from: o.mailFrom }),
  };
}
