#!/usr/bin/env node
// Regenerates kubernetes-v1.31.0-strict.json from Kubernetes' own OpenAPI v3 documents, for the few
// kinds deploy/k8s/ uses. Not run by CI (the output is vendored); run it when a kind is added:
//   GOPATH=/tmp/gp go mod download k8s.io/kubernetes@v1.31.0      # the Go module proxy's copy of the tag
//   node deploy/schemas/extract-k8s-schemas.js /tmp/gp/pkg/mod/k8s.io/kubernetes@v1.31.0/api/openapi-spec/v3
// "strict" as kubeconform's -strict schemas (github.com/yannh/kubernetes-json-schema): every object
// that lists its properties rejects others, so a misspelt field is an error, not silently dropped.
const { readFileSync, writeFileSync } = require('node:fs');
const path = require('node:path');

const specDir = process.argv[2];
if (!specDir) {
  process.stderr.write('usage: node deploy/schemas/extract-k8s-schemas.js <kubernetes>/api/openapi-spec/v3\n');
  process.exit(2);
}
const KINDS = {
  'apps/v1 Deployment': ['apis__apps__v1_openapi.json', 'io.k8s.api.apps.v1.Deployment'],
  'v1 Service': ['api__v1_openapi.json', 'io.k8s.api.core.v1.Service'],
  'v1 ConfigMap': ['api__v1_openapi.json', 'io.k8s.api.core.v1.ConfigMap'],
  'v1 Secret': ['api__v1_openapi.json', 'io.k8s.api.core.v1.Secret'],
  'v1 ServiceAccount': ['api__v1_openapi.json', 'io.k8s.api.core.v1.ServiceAccount'],
  'v1 PersistentVolumeClaim': ['api__v1_openapi.json', 'io.k8s.api.core.v1.PersistentVolumeClaim'],
  'batch/v1 Job': ['apis__batch__v1_openapi.json', 'io.k8s.api.batch.v1.Job'],
  'policy/v1 PodDisruptionBudget': ['apis__policy__v1_openapi.json', 'io.k8s.api.policy.v1.PodDisruptionBudget'],
};

const definitions = {};
const kinds = {};
const PREFIX = '#/components/schemas/';

function rewrite(node, schemas, queue) {
  if (Array.isArray(node)) return node.map((n) => rewrite(n, schemas, queue));
  if (!node || typeof node !== 'object') return node;
  const out = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === 'description' || k === 'default' || k.startsWith('x-kubernetes-') || k === 'format') continue;
    if (k === '$ref' && typeof v === 'string' && v.startsWith(PREFIX)) {
      const name = v.slice(PREFIX.length);
      queue.push(name);
      out.$ref = `#/definitions/${name}`;
      continue;
    }
    out[k] = k === 'properties' ? Object.fromEntries(Object.entries(v).map(([p, s]) => [p, rewrite(s, schemas, queue)])) : rewrite(v, schemas, queue);
  }
  if (out.properties && out.additionalProperties === undefined) out.additionalProperties = false;
  return out;
}

for (const [key, [file, root]] of Object.entries(KINDS)) {
  const schemas = JSON.parse(readFileSync(path.join(specDir, file), 'utf8')).components.schemas;
  const queue = [root];
  while (queue.length) {
    const name = queue.pop();
    if (definitions[name]) continue;
    if (!schemas[name]) throw new Error(`${file}: no schema ${name}`);
    definitions[name] = {};
    definitions[name] = rewrite(schemas[name], schemas, queue);
  }
  kinds[key] = `#/definitions/${root}`;
}

const out = {
  $comment:
    'Extracted from Kubernetes v1.31.0 api/openapi-spec/v3 (Apache-2.0, Copyright The Kubernetes Authors; see LICENSE-kubernetes) by deploy/schemas/extract-k8s-schemas.js: descriptions, defaults and formats dropped, additionalProperties:false added (strict).',
  kinds,
  definitions: Object.fromEntries(Object.keys(definitions).sort().map((k) => [k, definitions[k]])),
};
writeFileSync(path.join(__dirname, 'kubernetes-v1.31.0-strict.json'), `${JSON.stringify(out)}\n`);
process.stdout.write(`${Object.keys(kinds).length} kinds, ${Object.keys(definitions).length} definitions\n`);
