// docker-compose.yml: the Compose specification's schema, then every reference.

import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { Obj, ROOT, SCHEMAS, ajv, ajvErrors, entryPointProblems, imagePinned, isObj } from './common';
import { interpolate, readEnvFile } from './env';
import { checkDockerfile } from './dockerfile';
/** The vendored schema, its $schema dropped: it names draft-07 by an https URL Ajv does not know (the same draft). */
export const COMPOSE_SCHEMA = (): Obj => {
  const { $schema: _draft, ...schema } = JSON.parse(readFileSync(path.join(SCHEMAS, 'compose-spec.json'), 'utf8')) as Obj;
  return schema;
};

/** Validates a compose document (its text) as if it lay in `dir`, with ${VAR} taken from `vars`. */
export function validateComposeText(text: string, dir: string, vars: Record<string, string>, name = 'docker-compose.yml'): string[] {
  const problems: string[] = [];
  let raw: unknown;
  try {
    raw = parseYaml(text, { merge: true, maxAliasCount: 1000 });
  } catch (e) {
    return [`${name}: YAML: ${e instanceof Error ? e.message : String(e)}`];
  }
  const doc = interpolate(raw, vars, problems, name) as Obj;
  const validate = ajv().compile(COMPOSE_SCHEMA());
  if (!validate(doc)) problems.push(...ajvErrors(`${name} (compose-spec)`, validate.errors));
  if (!isObj(doc.services)) return [...problems, `${name}: no services`];

  const services = doc.services as Record<string, Obj>;
  const volumes = isObj(doc.volumes) ? Object.keys(doc.volumes) : [];
  const networks = isObj(doc.networks) ? Object.keys(doc.networks) : [];
  const secrets = isObj(doc.secrets) ? Object.keys(doc.secrets) : [];
  const configs = isObj(doc.configs) ? Object.keys(doc.configs) : [];
  const builtImages = new Set(Object.values(services).filter((s) => s.build !== undefined && typeof s.image === 'string').map((s) => s.image as string));
  const healthy = new Map<string, boolean>();

  for (const [svcName, svc] of Object.entries(services)) {
    const at = `${name}: services.${svcName}`;
    // build: context, Dockerfile, and what the Dockerfile says about health
    if (svc.build !== undefined) {
      const b = typeof svc.build === 'string' ? { context: svc.build } : (svc.build as Obj);
      const context = path.resolve(dir, String(b.context ?? '.'));
      const dockerfile = path.resolve(context, String(b.dockerfile ?? 'Dockerfile'));
      if (!existsSync(context) || !statSync(context).isDirectory()) problems.push(`${at}.build.context: ${String(b.context)} is not a folder`);
      else if (!existsSync(dockerfile)) problems.push(`${at}.build.dockerfile: ${path.relative(dir, dockerfile)} does not exist`);
      else {
        const facts = checkDockerfile(dockerfile, context);
        problems.push(...facts.problems);
        healthy.set(svcName, facts.healthcheck);
      }
    } else if (typeof svc.image === 'string') {
      if (!builtImages.has(svc.image) && !imagePinned(svc.image)) problems.push(`${at}.image: ${svc.image} is not pinned to a version`);
    } else problems.push(`${at}: neither image nor build`);
    const hc = svc.healthcheck as Obj | undefined;
    if (hc) healthy.set(svcName, hc.disable !== true && !(Array.isArray(hc.test) && hc.test[0] === 'NONE'));
    else if (typeof svc.image === 'string' && builtImages.has(svc.image) && !healthy.has(svcName)) {
      const builder = Object.entries(services).find(([, s]) => s.build !== undefined && s.image === svc.image)?.[0];
      if (builder) healthy.set(svcName, healthy.get(builder) ?? false);
    }

    // depends_on
    const deps = Array.isArray(svc.depends_on) ? Object.fromEntries((svc.depends_on as string[]).map((d) => [d, {}])) : ((svc.depends_on as Record<string, Obj> | undefined) ?? {});
    for (const dep of Object.keys(deps)) {
      if (!services[dep]) problems.push(`${at}.depends_on: no service "${dep}"`);
      else if (dep === svcName) problems.push(`${at}.depends_on: depends on itself`);
    }
    // volumes
    for (const v of (svc.volumes as unknown[] | undefined) ?? []) {
      const spec = typeof v === 'string' ? { type: undefined, source: v.split(':')[0] } : (v as Obj);
      const source = spec.source === undefined ? undefined : String(spec.source);
      if (!source || (typeof v === 'string' && !v.includes(':'))) continue; // anonymous volume
      const bind = spec.type === 'bind' || /^[./~]/.test(source);
      if (bind) {
        if (!existsSync(path.resolve(dir, source))) problems.push(`${at}.volumes: bind source ${source} does not exist`);
      } else if ((spec.type === undefined || spec.type === 'volume') && !volumes.includes(source)) problems.push(`${at}.volumes: volume "${source}" is not declared under volumes:`);
    }
    // networks
    const nets = Array.isArray(svc.networks) ? (svc.networks as string[]) : isObj(svc.networks) ? Object.keys(svc.networks) : [];
    for (const n of nets) if (n !== 'default' && !networks.includes(n)) problems.push(`${at}.networks: network "${n}" is not declared under networks:`);
    // secrets, configs
    for (const [kind, declared] of [['secrets', secrets], ['configs', configs]] as const) {
      for (const s of (svc[kind] as unknown[] | undefined) ?? []) {
        const src = typeof s === 'string' ? s : String((s as Obj).source);
        if (!declared.includes(src)) problems.push(`${at}.${kind}: "${src}" is not declared under ${kind}:`);
      }
    }
    // env_file
    for (const f of [svc.env_file].flat().filter((x) => x !== undefined)) {
      const spec = typeof f === 'string' ? { path: f, required: true } : (f as Obj);
      if (spec.required !== false && !existsSync(path.resolve(dir, String(spec.path)))) problems.push(`${at}.env_file: ${String(spec.path)} does not exist`);
    }
    // entry points
    const command = svc.command;
    if (Array.isArray(command)) problems.push(...entryPointProblems(command.map(String), dir, `${at}.command`));
    else if (typeof command === 'string') problems.push(...entryPointProblems(command.split(/\s+/), dir, `${at}.command`));
    const test = (svc.healthcheck as Obj | undefined)?.test;
    if (Array.isArray(test)) problems.push(...entryPointProblems(test.map(String), dir, `${at}.healthcheck`));
  }

  // conditions that need something of their target, and cycles
  for (const [svcName, svc] of Object.entries(services)) {
    if (!isObj(svc.depends_on)) continue;
    for (const [dep, c] of Object.entries(svc.depends_on as Record<string, Obj>)) {
      if (!services[dep]) continue;
      if (c.condition === 'service_healthy' && !healthy.get(dep)) problems.push(`${name}: services.${svcName}.depends_on.${dep}: service_healthy, but ${dep} has no health check`);
      if (c.condition === 'service_completed_successfully') {
        const r = services[dep]!.restart;
        if (r !== undefined && r !== 'no' && r !== 'on-failure') problems.push(`${name}: services.${svcName}.depends_on.${dep}: waits for ${dep} to complete, but its restart policy "${String(r)}" restarts it`);
      }
    }
  }
  const edges = (s: string): string[] => {
    const d = services[s]?.depends_on;
    return Array.isArray(d) ? (d as string[]) : isObj(d) ? Object.keys(d) : [];
  };
  const state = new Map<string, 1 | 2>();
  const visit = (s: string, trail: string[]): void => {
    if (state.get(s) === 2 || !services[s]) return;
    if (state.get(s) === 1) {
      problems.push(`${name}: depends_on cycle ${[...trail.slice(trail.indexOf(s)), s].join(' → ')}`);
      return;
    }
    state.set(s, 1);
    for (const d of edges(s)) visit(d, [...trail, s]);
    state.set(s, 2);
  };
  for (const s of Object.keys(services)) visit(s, []);
  return problems;
}

export function validateCompose(file: string, envFile: string): string[] {
  const vars = existsSync(envFile) ? readEnvFile(envFile) : {};
  return validateComposeText(readFileSync(file, 'utf8'), path.dirname(file), vars, path.relative(ROOT, file) || file);
}
