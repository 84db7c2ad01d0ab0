// npx tsx scripts/validate-deploy.ts: checks the deployment files without a Docker engine or a cluster.
//   docker-compose.yml   the Compose specification's JSON schema (deploy/schemas/compose-spec.json), after
//                        interpolating ${VAR…} from .env.example as `docker compose` would from .env; then
//                        every reference: depends_on targets (and no cycle), service_healthy targets with a
//                        health check, named volumes and networks declared, bind sources, build contexts,
//                        Dockerfiles and env files present, images pinned (no :latest, no bare name) or built
//                        here, `node dist/….js` entry points compiled by the build.
//   Dockerfile           pinned base images, a non-root USER, HEALTHCHECK and CMD in the last stage, COPY
//                        sources present and not excluded by .dockerignore.
//   deploy/k8s/**.yaml   Kubernetes v1.31 schemas, strict (deploy/schemas/kubernetes-v1.31.0-strict.json), then
//                        references: ConfigMaps/Secrets/PVCs used, Service selectors and target ports, probe
//                        ports, volume mounts, Deployment selectors matching their pod labels, non-root pods.
//   deploy/helm/temporal-values.yaml  every key known to the vendored chart's values.yaml.
// Exit 1 with one line per problem. The functions are exported for tests/deploy/deploy-files.test.ts.
import Ajv from 'ajv';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments, parse as parseYaml } from 'yaml';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const ROOT = path.resolve(__dirname, '..');
const SCHEMAS = path.join(ROOT, 'deploy', 'schemas');

function ajv(): Ajv {
  // strict off: both schemas use keywords Ajv does not know (deprecated, x-…); formats are not checked.
  return new Ajv({ strict: false, allErrors: true, validateFormats: false });
}

function ajvErrors(where: string, errors: Ajv['errors']): string[] {
  return (errors ?? []).map((e) => `${where}${e.instancePath || '/'}: ${e.message ?? 'invalid'}${e.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : ''}`);
}

// ---------------------------------------------------------------- env files and interpolation

export function readEnvFile(file: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    if (!m || line.trimStart().startsWith('#')) continue;
    out[m[1]!] = m[2]!.replace(/^(['"])(.*)\1$/, '$2');
  }
  return out;
}

/** Compose interpolation: $$, $VAR, ${VAR}, ${VAR:-d}, ${VAR-d}, ${VAR:?e}, ${VAR?e}, ${VAR:+r}. */
export function interpolate(value: unknown, vars: Record<string, string>, errors: string[], where = ''): unknown {
  if (typeof value === 'string') {
    return value.replace(/\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (all, name?: string, op?: string, arg?: string, bare?: string) => {
      if (all === '$$') return '$';
      const key = (name ?? bare)!;
      const v = vars[key];
      const unset = v === undefined;
      const empty = unset || v === '';
      switch (op) {
        case ':-': return empty ? (arg ?? '') : v!;
        case '-': return unset ? (arg ?? '') : v!;
        case ':?': if (empty) errors.push(`${where}: required variable ${key} is unset or empty (${arg})`); return v ?? '';
        case '?': if (unset) errors.push(`${where}: required variable ${key} is unset (${arg})`); return v ?? '';
        case ':+': return empty ? '' : (arg ?? '');
        case '+': return unset ? '' : (arg ?? '');
        default: return v ?? '';
      }
    });
  }
  if (Array.isArray(value)) return value.map((v, i) => interpolate(v, vars, errors, `${where}[${i}]`));
  if (isObj(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, interpolate(v, vars, errors, where ? `${where}.${k}` : k)]));
  return value;
}

// ---------------------------------------------------------------- shared checks

/** An image reference is pinned when it names a tag other than latest, or a digest. */
export function imagePinned(image: string): boolean {
  if (image.includes('@sha256:')) return true;
  const last = image.split('/').pop() ?? '';
  const tag = last.includes(':') ? last.slice(last.indexOf(':') + 1) : '';
  return tag !== '' && tag !== 'latest';
}

/** `node dist/x/y.js …`: the build (tsconfig.build.json → dist/) must produce it, or the file ships as is. */
function entryPointProblems(argv: string[], root: string, where: string): string[] {
  const out: string[] = [];
  argv.forEach((arg, i) => {
    if (argv[i - 1] !== 'node' || !arg.endsWith('.js')) return;
    if (arg.startsWith('dist/')) {
      const ts = path.join(root, arg.slice('dist/'.length).replace(/\.js$/, '.ts'));
      const include = buildIncludes(root);
      const top = arg.slice('dist/'.length).split('/')[0]!;
      if (!existsSync(ts)) out.push(`${where}: ${arg} has no source ${path.relative(root, ts)}`);
      else if (!include) out.push(`${where}: ${arg}: no tsconfig.build.json in ${root} to build it`);
      else if (!include.some((inc) => inc === top || inc === arg.slice('dist/'.length).replace(/\.js$/, '.ts'))) out.push(`${where}: ${arg}: ${top}/ is not compiled by tsconfig.build.json`);
    } else if (!existsSync(path.join(root, arg))) out.push(`${where}: ${arg} does not exist`);
  });
  return out;
}

function buildIncludes(root: string): string[] | undefined {
  const file = path.join(root, 'tsconfig.build.json');
  if (!existsSync(file)) return undefined;
  const text = readFileSync(file, 'utf8').replace(/^\s*\/\/.*$/gm, '');
  return (JSON.parse(text) as { include: string[] }).include;
}

// ---------------------------------------------------------------- Dockerfile

export interface DockerfileFacts { healthcheck: boolean; problems: string[] }

export function checkDockerfile(file: string, context: string): DockerfileFacts {
  const problems: string[] = [];
  const rel = path.relative(ROOT, file) || file;
  const lines = readFileSync(file, 'utf8').replace(/\\\n/g, ' ').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  const args: Record<string, string> = {};
  const stages: { name?: string; user?: string; healthcheck: boolean; cmd: boolean; entry?: string }[] = [];
  const ignore = dockerignore(context);
  for (const line of lines) {
    const [instr = '', ...rest] = line.split(/\s+/);
    const body = rest.join(' ');
    const stage = stages[stages.length - 1];
    switch (instr.toUpperCase()) {
      case 'ARG': {
        const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:=(.*))?$/.exec(body);
        if (m && stages.length === 0 && m[2] !== undefined) args[m[1]!] = m[2];
        break;
      }
      case 'FROM': {
        const m = /^(?:--platform=\S+\s+)?(\S+)(?:\s+AS\s+(\S+))?$/i.exec(body);
        const image = (m?.[1] ?? '').replace(/\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g, (_, n: string) => args[n] ?? '');
        const earlier = stages.some((s) => s.name === image);
        if (!earlier && image !== 'scratch' && !imagePinned(image)) problems.push(`${rel}: FROM ${m?.[1]} is not pinned to a version`);
        stages.push({ name: m?.[2], healthcheck: false, cmd: false });
        break;
      }
      case 'USER': if (stage) stage.user = body; break;
      case 'HEALTHCHECK': if (stage) stage.healthcheck = !/^NONE$/i.test(body); break;
      case 'CMD': if (stage) stage.cmd = true; break;
      case 'COPY':
      case 'ADD': {
        const parts = body.startsWith('[') ? (JSON.parse(body) as string[]) : body.split(/\s+/);
        if (parts.some((p) => p.startsWith('--from='))) break;
        const sources = parts.filter((p) => !p.startsWith('--')).slice(0, -1);
        for (const s of sources) {
          if (/[*?]/.test(s) || s === '.') continue;
          const norm = s.replace(/^\.\//, '').replace(/\/$/, '');
          if (!existsSync(path.join(context, norm))) problems.push(`${rel}: COPY ${s}: not in the build context`);
          else if (ignore(norm)) problems.push(`${rel}: COPY ${s}: excluded by .dockerignore`);
        }
        break;
      }
      default:
    }
  }
  const last = stages[stages.length - 1];
  if (!last) problems.push(`${rel}: no FROM`);
  else {
    if (!last.user || /^(root|0)(:|$)/.test(last.user)) problems.push(`${rel}: the final stage runs as root (no USER, or USER root)`);
    if (!last.cmd) problems.push(`${rel}: the final stage has no CMD`);
    const cmd = lines.filter((l) => /^CMD\s/i.test(l)).pop();
    if (cmd) {
      const argv = cmd.replace(/^CMD\s+/i, '');
      problems.push(...entryPointProblems(argv.startsWith('[') ? (JSON.parse(argv) as string[]) : argv.split(/\s+/), context, `${rel} CMD`));
    }
  }
  return { healthcheck: Boolean(last?.healthcheck), problems };
}

/** A small .dockerignore matcher: enough for plain paths, trailing globs and ! exceptions. */
function dockerignore(context: string): (p: string) => boolean {
  const file = path.join(context, '.dockerignore');
  if (!existsSync(file)) return () => false;
  const rules = readFileSync(file, 'utf8').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#')).map((l) => {
    const negate = l.startsWith('!');
    const pat = l.replace(/^!/, '').replace(/^\//, '').replace(/\/$/, '');
    const re = new RegExp(`^${pat.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^/]*')}(/.*)?$`);
    return { negate, re };
  });
  return (p) => rules.reduce((ignored, r) => (r.re.test(p) ? !r.negate : ignored), false);
}

// ---------------------------------------------------------------- compose

/** The vendored schema, its $schema dropped: it names draft-07 by an https URL Ajv does not know (the same draft). */
const COMPOSE_SCHEMA = (): Obj => {
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

// ---------------------------------------------------------------- Kubernetes

interface K8sDoc { file: string; kind: string; name: string; doc: Obj }

export function loadK8s(dir: string): { docs: K8sDoc[]; problems: string[] } {
  const docs: K8sDoc[] = [];
  const problems: string[] = [];
  const walk = (d: string): string[] => readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : /\.ya?ml$/.test(e.name) ? [path.join(d, e.name)] : []));
  for (const file of walk(dir).sort()) {
    const rel = path.relative(ROOT, file);
    for (const d of parseAllDocuments(readFileSync(file, 'utf8'))) {
      if (d.errors.length) problems.push(`${rel}: YAML: ${d.errors[0]!.message}`);
      const doc = d.toJS() as unknown;
      if (doc === null || doc === undefined) continue;
      if (!isObj(doc)) {
        problems.push(`${rel}: a document that is not an object`);
        continue;
      }
      docs.push({ file: rel, kind: String(doc.kind), name: String((doc.metadata as Obj | undefined)?.name), doc });
    }
  }
  return { docs, problems };
}

export function validateK8sDocs(docs: K8sDoc[]): string[] {
  const problems: string[] = [];
  const schema = JSON.parse(readFileSync(path.join(SCHEMAS, 'kubernetes-v1.31.0-strict.json'), 'utf8')) as { kinds: Record<string, string>; definitions: Obj };
  const a = ajv();
  a.addSchema({ $id: 'k8s', definitions: schema.definitions });
  const byKind = (k: string) => new Set(docs.filter((d) => d.kind === k).map((d) => d.name));
  const configMaps = byKind('ConfigMap');
  const secrets = byKind('Secret');
  const pvcs = byKind('PersistentVolumeClaim');
  const configMapKeys = new Map(docs.filter((d) => d.kind === 'ConfigMap').map((d) => [d.name, Object.keys((d.doc.data as Obj | undefined) ?? {})]));

  for (const { file, kind, name, doc } of docs) {
    const at = `${file}: ${kind}/${name}`;
    const key = `${String(doc.apiVersion)} ${kind}`;
    const ref = schema.kinds[key];
    if (!ref) {
      problems.push(`${at}: no vendored schema for "${key}" (add it to deploy/schemas/extract-k8s-schemas.js)`);
      continue;
    }
    const validate = a.getSchema(`k8s${ref}`)!;
    if (!validate(doc)) problems.push(...ajvErrors(`${at} (k8s v1.31)`, validate.errors));
    if (!name || name === 'undefined') problems.push(`${at}: metadata.name missing`);

    const spec = doc.spec as Obj | undefined;
    const podSpec = (kind === 'Deployment' || kind === 'Job' ? ((spec?.template as Obj | undefined)?.spec as Obj | undefined) : undefined);
    if (kind === 'Deployment') {
      const match = ((spec?.selector as Obj | undefined)?.matchLabels as Obj | undefined) ?? {};
      const labels = (((spec?.template as Obj | undefined)?.metadata as Obj | undefined)?.labels as Obj | undefined) ?? {};
      for (const [k, v] of Object.entries(match)) if (labels[k] !== v) problems.push(`${at}: selector ${k}=${String(v)} does not match the pod template's labels`);
    }
    if (podSpec) {
      const podSec = (podSpec.securityContext as Obj | undefined) ?? {};
      const volumes = new Map(((podSpec.volumes as Obj[] | undefined) ?? []).map((v) => [String(v.name), v]));
      for (const v of volumes.values()) {
        const claim = (v.persistentVolumeClaim as Obj | undefined)?.claimName;
        if (claim !== undefined && !pvcs.has(String(claim))) problems.push(`${at}: volume ${String(v.name)}: no PersistentVolumeClaim "${String(claim)}"`);
        const cm = (v.configMap as Obj | undefined)?.name;
        if (cm !== undefined && !configMaps.has(String(cm))) problems.push(`${at}: volume ${String(v.name)}: no ConfigMap "${String(cm)}"`);
        const sec = (v.secret as Obj | undefined)?.secretName;
        if (sec !== undefined && !secrets.has(String(sec))) problems.push(`${at}: volume ${String(v.name)}: no Secret "${String(sec)}"`);
      }
      for (const c of [...((podSpec.initContainers as Obj[] | undefined) ?? []), ...((podSpec.containers as Obj[] | undefined) ?? [])]) {
        const cat = `${at} container ${String(c.name)}`;
        const cSec = (c.securityContext as Obj | undefined) ?? {};
        if ((cSec.runAsNonRoot ?? podSec.runAsNonRoot) !== true) problems.push(`${cat}: runAsNonRoot is not set`);
        if (cSec.allowPrivilegeEscalation !== false) problems.push(`${cat}: allowPrivilegeEscalation is not false`);
        if (!isObj(c.resources) || !isObj((c.resources as Obj).limits)) problems.push(`${cat}: no resource limits`);
        if (typeof c.image !== 'string' || !imagePinned(c.image)) problems.push(`${cat}: image ${String(c.image)} is not pinned`);
        const ports = new Set(((c.ports as Obj[] | undefined) ?? []).flatMap((p) => [String(p.name), String(p.containerPort)]));
        for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
          const p = c[probe] as Obj | undefined;
          const port = ((p?.httpGet ?? p?.tcpSocket ?? p?.grpc) as Obj | undefined)?.port;
          if (port !== undefined && !ports.has(String(port))) problems.push(`${cat}: ${probe} port ${String(port)} is not a container port`);
          const exec = (p?.exec as Obj | undefined)?.command;
          if (Array.isArray(exec)) problems.push(...entryPointProblems(exec.map(String), ROOT, `${cat} ${probe}`));
        }
        if (kind === 'Deployment' && !c.livenessProbe && !c.readinessProbe) problems.push(`${cat}: no probe`);
        for (const m of (c.volumeMounts as Obj[] | undefined) ?? []) if (!volumes.has(String(m.name))) problems.push(`${cat}: volumeMount ${String(m.name)} has no volume`);
        for (const e of (c.envFrom as Obj[] | undefined) ?? []) {
          const cm = (e.configMapRef as Obj | undefined)?.name;
          if (cm !== undefined && !configMaps.has(String(cm))) problems.push(`${cat}: envFrom: no ConfigMap "${String(cm)}"`);
          const sec = (e.secretRef as Obj | undefined)?.name;
          if (sec !== undefined && !secrets.has(String(sec))) problems.push(`${cat}: envFrom: no Secret "${String(sec)}"`);
        }
        for (const e of (c.env as Obj[] | undefined) ?? []) {
          const from = e.valueFrom as Obj | undefined;
          const cmk = from?.configMapKeyRef as Obj | undefined;
          if (cmk && !configMapKeys.get(String(cmk.name))?.includes(String(cmk.key))) problems.push(`${cat}: env ${String(e.name)}: no key ${String(cmk.key)} in ConfigMap "${String(cmk.name)}"`);
          const sk = from?.secretKeyRef as Obj | undefined;
          if (sk && !secrets.has(String(sk.name))) problems.push(`${cat}: env ${String(e.name)}: no Secret "${String(sk.name)}"`);
        }
        const argv = [...((c.command as string[] | undefined) ?? []), ...((c.args as string[] | undefined) ?? [])];
        problems.push(...entryPointProblems(argv, ROOT, `${cat} command`));
      }
    }
    if (kind === 'Service' || kind === 'PodDisruptionBudget') {
      const sel = (kind === 'Service' ? spec?.selector : (spec?.selector as Obj | undefined)?.matchLabels) as Obj | undefined;
      const targets = docs.filter((d) => d.kind === 'Deployment').filter((d) => {
        const labels = ((((d.doc.spec as Obj).template as Obj).metadata as Obj | undefined)?.labels as Obj | undefined) ?? {};
        return Object.entries(sel ?? {}).every(([k, v]) => labels[k] === v);
      });
      if (!sel || targets.length === 0) problems.push(`${at}: its selector matches no Deployment's pods`);
      if (kind === 'Service') {
        for (const p of (spec?.ports as Obj[] | undefined) ?? []) {
          const tp = p.targetPort ?? p.port;
          const ok = targets.some((t) => (((((t.doc.spec as Obj).template as Obj).spec as Obj).containers as Obj[]) ?? []).some((c) => ((c.ports as Obj[] | undefined) ?? []).some((cp) => cp.name === tp || cp.containerPort === tp)));
          if (!ok) problems.push(`${at}: targetPort ${String(tp)} is no port of the selected pods`);
        }
      }
    }
  }
  return problems;
}

// ---------------------------------------------------------------- Helm values

/**
 * Keys the chart's templates read though its values.yaml leaves them out (chart 1.6.0):
 * templates/server-deployment.yaml `replicas: {{ default $.Values.server.replicaCount $serviceValues.replicaCount }}`.
 */
const HELM_TEMPLATE_KEYS = [/^server\.(frontend|internal-frontend|history|matching|worker)\.replicaCount$/];

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

// ---------------------------------------------------------------- all

export interface DeployReport { checked: string[]; problems: string[] }

export function validateDeploy(root = ROOT): DeployReport {
  const checked: string[] = [];
  const problems: string[] = [];
  const compose = path.join(root, 'docker-compose.yml');
  problems.push(...validateCompose(compose, path.join(root, '.env.example')));
  checked.push('docker-compose.yml (compose-spec + references, interpolated from .env.example)', 'Dockerfile');
  const k8s = loadK8s(path.join(root, 'deploy', 'k8s'));
  problems.push(...k8s.problems, ...validateK8sDocs(k8s.docs));
  checked.push(`deploy/k8s: ${k8s.docs.map((d) => `${d.kind}/${d.name}`).join(', ')}`);
  problems.push(...validateHelmValues(path.join(root, 'deploy', 'helm', 'temporal-values.yaml'), path.join(SCHEMAS, 'temporal-helm-chart-1.6.0', 'values.yaml')));
  checked.push('deploy/helm/temporal-values.yaml (keys of chart temporal 1.6.0)');
  return { checked, problems };
}

if (require.main === module) {
  const { checked, problems } = validateDeploy();
  for (const c of checked) process.stdout.write(`checked ${c}\n`);
  if (problems.length) {
    for (const p of problems) process.stderr.write(`✗ ${p}\n`);
    process.stderr.write(`${problems.length} problem(s)\n`);
    process.exit(1);
  }
  process.stdout.write('deployment files OK\n');
}
