// The deployment files (Dockerfile, docker-compose.yml, deploy/k8s, deploy/helm) checked without a Docker
// engine or a cluster by scripts/validate-deploy.ts (scripts/deploy-check/), and the checker shown to catch what it claims to.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { validateComposeText } from '../../scripts/deploy-check/compose';
import { checkDockerfile } from '../../scripts/deploy-check/dockerfile';
import { readEnvFile } from '../../scripts/deploy-check/env';
import { helmKeyProblems } from '../../scripts/deploy-check/helm';
import { loadK8s, validateK8sDocs } from '../../scripts/deploy-check/k8s';
import { validateDeploy } from '../../scripts/validate-deploy';

const root = path.resolve(__dirname, '../..');
const compose = readFileSync(path.join(root, 'docker-compose.yml'), 'utf8');
const vars = readEnvFile(path.join(root, '.env.example'));

/** The compose file with one substring replaced (which must be there). */
function composeWith(from: string, to: string): string {
  expect(compose).toContain(from);
  return compose.replace(from, to);
}

describe('deployment files', () => {
  test('the repository files pass every check', () => {
    const { checked, problems } = validateDeploy(root);
    expect(problems).toEqual([]);
    expect(checked.join('\n')).toMatch(/Deployment\/rectify-worker/);
  });

  test('compose: the layout the issue asks for', () => {
    const doc = parseYaml(compose, { merge: true }) as { services: Record<string, Record<string, unknown>> };
    const s = doc.services;
    expect(Object.keys(s).sort()).toEqual(['desk', 'postgres', 'temporal', 'temporal-schema', 'temporal-setup', 'temporal-ui', 'worker']);
    expect((s.worker!.deploy as { replicas: number }).replicas).toBe(2);
    expect(s.temporal!.image).toMatch(/^temporalio\/server:\d+\.\d+\.\d+$/);
    expect(String((s['temporal-schema']!.command as string[])[0])).toMatch(/temporal-sql-tool[\s\S]*temporal_visibility/);
    // Every search attribute the workflows declare is created by the setup job, with its type.
    const setup = String((s['temporal-setup']!.command as string[])[0]);
    for (const sa of ['RectifyCampaign:Keyword', 'RectifyStatus:Keyword', 'RectifyDepartment:Keyword', 'RectifyWarning:Keyword', 'RectifyDeadline:Datetime']) expect(setup).toContain(sa);
  });

  test('the search attributes in the deployment files are those of workflows/definitions.ts', async () => {
    const { SEARCH_ATTRIBUTE_KEYS } = await import('../../workflows/definitions');
    const typeName = { KEYWORD: 'Keyword', DATETIME: 'Datetime', TEXT: 'Text', INT: 'Int', DOUBLE: 'Double', BOOL: 'Bool', KEYWORD_LIST: 'KeywordList' } as Record<string, string>;
    const expected = SEARCH_ATTRIBUTE_KEYS.map((k) => `${k.name}:${typeName[k.type]}`).sort();
    const job = readFileSync(path.join(root, 'deploy/k8s/temporal-setup-job.yaml'), 'utf8');
    for (const text of [compose, job]) {
      const listed = [...text.matchAll(/\b(Rectify[A-Za-z]+:[A-Za-z]+)\b/g)].map((m) => m[1]!);
      expect([...new Set(listed)].sort()).toEqual(expected);
    }
  });

  test('a misspelt depends_on is caught', () => {
    const broken = composeWith('      temporal-schema:\n        condition: service_completed_successfully', '      temporal-shema:\n        condition: service_completed_successfully');
    expect(validateComposeText(broken, root, vars)).toEqual([expect.stringContaining('services.temporal.depends_on: no service "temporal-shema"')]);
  });

  test('a misspelt depends_on is caught in a copy beside the repository too (the CLI path)', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'rectify-deploy-'));
    writeFileSync(path.join(dir, 'docker-compose.yml'), composeWith('    depends_on:\n      postgres:\n        condition: service_healthy\n    environment:\n      SQL_PASSWORD', '    depends_on:\n      postgress:\n        condition: service_healthy\n    environment:\n      SQL_PASSWORD'));
    // The Dockerfile, bind mounts and entry points are not beside the copy: those are reported as well.
    const problems = validateComposeText(readFileSync(path.join(dir, 'docker-compose.yml'), 'utf8'), dir, vars);
    expect(problems).toEqual(
      expect.arrayContaining([
        'docker-compose.yml: services.temporal-schema.depends_on: no service "postgress"',
        'docker-compose.yml: services.worker.build.dockerfile: Dockerfile does not exist',
        'docker-compose.yml: services.temporal.volumes: bind source ./deploy/temporal/dynamicconfig does not exist',
      ]),
    );
  });

  test('the Compose specification schema, interpolation and the other references are enforced', () => {
    const cases: [string, string, RegExp][] = [
      ['    restart: unless-stopped\n    environment:\n      POSTGRES_USER', '    restart: unless-stopped\n    enviroment:\n      POSTGRES_USER', /compose-spec.*must NOT have additional properties \(enviroment\)/],
      ['      - pgdata:/var/lib/postgresql/data', '      - pg-data:/var/lib/postgresql/data', /volume "pg-data" is not declared/],
      ['image: temporalio/ui:2.34.0', 'image: temporalio/ui:latest', /temporalio\/ui:latest is not pinned/],
      ['["node", "dist/worker/main.js"]', '["node", "dist/workers/main.js"]', /dist\/workers\/main\.js has no source/],
      ['    networks: [backend]\n\n  temporal-ui:', '    networks: [back-end]\n\n  temporal-ui:', /network "back-end" is not declared/],
      ['      temporal-setup:\n        condition: service_completed_successfully\n    environment:\n      TEMPORAL_ADDRESS: temporal:7233\n      TEMPORAL_CORS', '      temporal:\n        condition: service_healthy\n    environment:\n      TEMPORAL_ADDRESS: temporal:7233\n      TEMPORAL_CORS', /service_healthy, but temporal has no health check/],
    ];
    for (const [from, to, expected] of cases) expect(validateComposeText(composeWith(from, to), root, vars).join('\n')).toMatch(expected);
    expect(validateComposeText(compose, root, {}).join('\n')).toMatch(/required variable POSTGRES_PASSWORD/);
    const cyclic = composeWith('    image: postgres:16\n    restart: unless-stopped\n', '    image: postgres:16\n    restart: unless-stopped\n    depends_on: [desk]\n');
    expect(validateComposeText(cyclic, root, vars).join('\n')).toMatch(/depends_on cycle postgres → desk → postgres/);
  });

  test('the Dockerfile: pinned, non-root, health-checked, entry point built', () => {
    const facts = checkDockerfile(path.join(root, 'Dockerfile'), root);
    expect(facts).toEqual({ healthcheck: true, problems: [] });
    const dockerfile = readFileSync(path.join(root, 'Dockerfile'), 'utf8');
    const dir = mkdtempSync(path.join(tmpdir(), 'rectify-dockerfile-'));
    const file = path.join(dir, 'Dockerfile');
    writeFileSync(file, dockerfile.replace(/^USER node$/m, '').replace('ARG NODE_IMAGE=node:20.20.2-bookworm-slim', 'ARG NODE_IMAGE=node'));
    const problems = checkDockerfile(file, root).problems.join('\n');
    expect(problems).toMatch(/runs as root/);
    expect(problems).toMatch(/FROM \$\{NODE_IMAGE\} is not pinned/);
  });

  test('Kubernetes: strict schemas and references', () => {
    const { docs, problems } = loadK8s(path.join(root, 'deploy/k8s'));
    expect(problems).toEqual([]);
    expect(docs.map((d) => `${d.kind}/${d.name}`)).toEqual(expect.arrayContaining(['Deployment/rectify-worker', 'Deployment/rectify-desk', 'Service/rectify-desk']));
    const worker = docs.find((d) => d.kind === 'Deployment' && d.name === 'rectify-worker')!;
    expect((worker.doc.spec as { replicas: number }).replicas).toBe(2);
    const mutate = (f: (c: Record<string, any>) => void) => { // eslint-disable-line @typescript-eslint/no-explicit-any
      const copy = structuredClone(worker.doc) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
      f(copy);
      return validateK8sDocs(docs.map((d) => (d === worker ? { ...d, doc: copy } : d))).join('\n');
    };
    expect(mutate((c) => { c.spec.template.spec.containers[0].livenesProbe = c.spec.template.spec.containers[0].livenessProbe; })).toMatch(/additional properties \(livenesProbe\)/);
    expect(mutate((c) => { c.spec.replicas = 'two'; })).toMatch(/spec\/replicas: must be integer/);
    expect(mutate((c) => { c.spec.template.spec.containers[0].envFrom[1].secretRef.name = 'rectify-secret'; })).toMatch(/no Secret "rectify-secret"/);
    expect(mutate((c) => { c.spec.template.spec.securityContext.runAsNonRoot = false; })).toMatch(/runAsNonRoot/);
    expect(mutate((c) => { c.spec.template.metadata.labels['app.kubernetes.io/name'] = 'worker'; })).toMatch(/selector .* does not match/);
  });

  test('Helm values: a key the chart does not know is caught', () => {
    const chart = parseYaml(readFileSync(path.join(root, 'deploy/schemas/temporal-helm-chart-1.6.0/values.yaml'), 'utf8')) as unknown;
    expect(helmKeyProblems({ server: { config: { persistance: { numHistoryShards: 512 } } } }, chart)).toEqual(['server.config.persistance: not a key of the chart\'s values.yaml']);
    expect(helmKeyProblems({ server: { history: { replicaCount: 3 } } }, chart)).toEqual([]);
  });
});
