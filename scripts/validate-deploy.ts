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

import path from 'node:path';
import { ROOT, SCHEMAS } from './deploy-check/common';
import { validateCompose } from './deploy-check/compose';
import { loadK8s, validateK8sDocs } from './deploy-check/k8s';
import { validateHelmValues } from './deploy-check/helm';

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
