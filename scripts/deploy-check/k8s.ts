// Kubernetes manifests: strict v1.31 schemas, then every reference.

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { Obj, ROOT, SCHEMAS, ajv, ajvErrors, entryPointProblems, imagePinned, isObj } from './common';
export interface K8sDoc { file: string; kind: string; name: string; doc: Obj }

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
