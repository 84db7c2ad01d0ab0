import type { Client } from '@temporalio/client';
import type { Logger } from 'pino';
import type { Db } from '../db/client';
import type { Me } from '../domain/accounts';
import path from 'node:path';
import type { Env } from '../services/env';
import type { EvidenceStore } from '../services/evidence-store';
import { robotSecretKey } from '../services/robots';

// What every route may use, built once per server. Routes never read the environment: the entry
// point (server/main.ts or npm start) parses it and hands the result in.

export interface DeskConfig {
  /** Largest evidence file, in bytes. */
  maxUploadBytes: number;
  /** Mark the session cookie Secure (the desk is served over https). */
  secureCookie: boolean;
  /** Where browsers reach the desk when it sits behind a proxy; otherwise the Host header counts. */
  publicOrigin?: string;
  /** The built web app (web/dist); pages are not served when absent. */
  webRoot?: string;
  /** Sign-in attempts per address per minute. */
  loginRateLimit: number;
  /** The task queue the worker polls: campaigns loaded through the desk start their workflows there. */
  taskQueue: string;
  /**
   * The key group robots' webhooks and secrets are sealed with (the worker must use the same one:
   * RECTIFY_SECRET_KEY, or the key generated into the data folder). Without it the robot
   * endpoints answer 503.
   */
  secretKey?: string;
}

export interface Desk {
  db: Db;
  temporal: Client;
  evidence: EvidenceStore;
  config: DeskConfig;
  logger: Logger;
}

/** Who may call a route: everyone, a signed-in user who still has to change the password, or (the default) a signed-in user. */
export type Access = 'public' | 'password-change' | 'user';

declare module 'fastify' {
  interface FastifyRequest {
    me: Me | null;
    sessionToken: string | undefined;
  }
  interface FastifyContextConfig {
    access?: Access;
  }
}

/** The desk's settings from the parsed environment; the web app is served from web/dist. */
export function deskConfig(e: Env, webRoot: string | undefined = path.resolve(__dirname, '../web/dist')): DeskConfig {
  return {
    maxUploadBytes: Math.round(e.RECTIFY_MAX_UPLOAD_MB * 1024 * 1024),
    secureCookie: e.RECTIFY_SECURE_COOKIE,
    publicOrigin: e.RECTIFY_PUBLIC_ORIGIN,
    webRoot,
    loginRateLimit: 10,
    taskQueue: e.RECTIFY_TASK_QUEUE,
    secretKey: robotSecretKey(e),
  };
}
