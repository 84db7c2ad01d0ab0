// Temporal servers for tests and scripts. The SDK's default is to download a server at run time,
// which cannot work here: always hand it our provisioned binaries (servers/ensure.sh).
import { spawn } from 'node:child_process';
import { connect } from 'node:net';
import type { Connection } from '@temporalio/client';
import type { SearchAttributeType } from '@temporalio/common';
// SearchAttributeKey is not re-exported from the package root in 1.24.
import { encodeSearchAttributeIndexedValueType, type SearchAttributeKey } from '@temporalio/common/lib/search-attributes';
import type { temporal } from '@temporalio/proto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { serverPaths } from './paths';

/** In-memory time-skipping environment backed by the Java test server (fast JVM wrapper). */
export function createTimeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  return TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: serverPaths().testServer } },
  });
}

/** In-memory dev server (temporal CLI): the one to use for search-attribute listing/counting. */
export function createDevServerEnv(
  searchAttributes: SearchAttributeKey<SearchAttributeType>[] = [],
): Promise<TestWorkflowEnvironment> {
  return TestWorkflowEnvironment.createLocal({
    server: { executable: { type: 'existing-path', path: serverPaths().temporalCli }, searchAttributes },
  });
}

export type CliSearchAttributeType = 'Keyword' | 'Text' | 'Int' | 'Double' | 'Bool' | 'Datetime' | 'KeywordList';
/** SDK type names → the names `temporal server start-dev --search-attribute Name=Type` accepts. */
export const CLI_SEARCH_ATTRIBUTE_TYPE: Record<SearchAttributeType, CliSearchAttributeType> = {
  KEYWORD: 'Keyword',
  TEXT: 'Text',
  INT: 'Int',
  DOUBLE: 'Double',
  BOOL: 'Bool',
  DATETIME: 'Datetime',
  KEYWORD_LIST: 'KeywordList',
};

/**
 * Registers search attributes through the server's own API: the Java test server and the cluster
 * take them no other way (the dev server gets them as `--search-attribute` flags).
 */
export async function addSearchAttributes(connection: Connection, namespace: string, keys: SearchAttributeKey<SearchAttributeType>[]): Promise<void> {
  const searchAttributes: Record<string, temporal.api.enums.v1.IndexedValueType> = {};
  for (const k of keys) searchAttributes[k.name] = encodeSearchAttributeIndexedValueType(k.type)!;
  await connection.operatorService.addSearchAttributes({ namespace, searchAttributes });
}

export interface DevServerProcessOptions {
  /** SQLite file to persist to; in-memory when absent. */
  dbFile?: string;
  port: number;
  /** Web UI port (e.g. 8233); headless when absent. */
  uiPort?: number;
  searchAttributes: Record<string, CliSearchAttributeType> | SearchAttributeKey<SearchAttributeType>[];
  /** How long to wait for the port; the first start on a new SQLite file takes longer. */
  timeoutMs?: number;
}

function portAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect(port, '127.0.0.1');
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => (s.destroy(), resolve(false)));
  });
}

/** Runs `temporal server start-dev` as our own child (for `npm start`); resolves once the port answers. */
export async function startDevServerProcess(
  opts: DevServerProcessOptions,
): Promise<{ address: string; stop(): Promise<void> }> {
  const sa = Array.isArray(opts.searchAttributes)
    ? opts.searchAttributes.map((k): [string, CliSearchAttributeType] => [k.name, CLI_SEARCH_ATTRIBUTE_TYPE[k.type]])
    : Object.entries(opts.searchAttributes);
  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(opts.port), '--namespace', 'default'];
  args.push('--log-format', 'pretty', '--log-level', 'warn');
  args.push(...(opts.uiPort === undefined ? ['--headless'] : ['--ui-port', String(opts.uiPort)]));
  if (opts.dbFile) args.push('--db-filename', opts.dbFile);
  for (const [name, type] of sa) args.push('--search-attribute', `${name}=${type}`);

  if (await portAnswers(opts.port)) throw new Error(`端口 ${opts.port} 已被占用 / port ${opts.port} is already in use`);
  const child = spawn(serverPaths().temporalCli, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => void (stderr = (stderr + d.toString()).slice(-4000)));
  // If our process exits without calling stop(), do not leave a server holding the port.
  const orphanGuard = (): void => void child.kill('SIGKILL');
  process.once('exit', orphanGuard);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    process.removeListener('exit', orphanGuard);
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(killer);
  };

  const deadline = Date.now() + (opts.timeoutMs ?? 30_000);
  while (!(await portAnswers(opts.port))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`temporal dev server 未能启动 / did not start on port ${opts.port}:\n${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { address: `127.0.0.1:${opts.port}`, stop };
}
