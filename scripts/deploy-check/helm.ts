// Values for Temporal's Helm chart: every key known to the chart.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { Obj, ROOT, isObj } from './common';
/**
 * Keys the chart's templates read though its values.yaml leaves them out (chart 1.6.0):
 * templates/server-deployment.yaml `replicas: {{ default $.Values.server.replicaCount $serviceValues.replicaCount }}`.
 */
export const HELM_TEMPLATE_KEYS = [/^server\.(frontend|internal-frontend|history|matching|worker)\.replicaCount$/];

/** Every key of `values` must exist in the chart's values, except beneath a free-form map ({} or null there). */
export function helmKeyProblems(values: unknown, chart: unknown, at = ''): string[] {
  if (!isObj(values) || !isObj(chart) || Object.keys(chart).length === 0) return [];
  return Object.entries(values).flatMap(([k, v]) => {
    const here = at ? `${at}.${k}` : k;
    if (HELM_TEMPLATE_KEYS.some((re) => re.test(here))) return [];
    if (!(k in chart)) return [`${here}: not a key of the chart's values.yaml`];
    const c = chart[k];
    return c === null ? [] : helmKeyProblems(v, c, here);
  });
}

export function validateHelmValues(file: string, chartValues: string): string[] {
  const rel = path.relative(ROOT, file);
  const values = parseYaml(readFileSync(file, 'utf8')) as Obj;
  const chart = parseYaml(readFileSync(chartValues, 'utf8')) as Obj;
  // The chart documents its datastore fields only in comments: check those stores by hand.
  const problems = helmKeyProblems(values, chart).map((p) => `${rel}: ${p}`);
  const persistence = ((values.server as Obj | undefined)?.config as Obj | undefined)?.persistence as Obj | undefined;
  const shards = persistence?.numHistoryShards;
  if (typeof shards !== 'number' || shards < 4) problems.push(`${rel}: server.config.persistence.numHistoryShards must be a number ≥ 4`);
  const stores = (persistence?.datastores as Obj | undefined) ?? {};
  for (const store of [persistence?.defaultStore, persistence?.visibilityStore]) {
    const sql = (stores[String(store)] as Obj | undefined)?.sql as Obj | undefined;
    if (!sql) problems.push(`${rel}: datastore "${String(store)}" has no sql block`);
    else {
      const known = ['createDatabase', 'manageSchema', 'pluginName', 'driverName', 'databaseName', 'connectAddr', 'host', 'port', 'connectProtocol', 'user', 'password', 'existingSecret', 'secretKey', 'passwordCommand', 'maxConns', 'maxIdleConns', 'maxConnLifetime', 'connectAttributes', 'tls'];
      for (const k of Object.keys(sql)) if (!known.includes(k)) problems.push(`${rel}: datastores.${String(store)}.sql.${k}: not a field the chart documents`);
      if (!/^postgres12(_pgx)?$/.test(String(sql.pluginName))) problems.push(`${rel}: datastores.${String(store)}.sql.pluginName should be postgres12`);
    }
  }
  return problems;
}
