// The configuration of Temporal's server for the cluster profile, adapted from the module's own
// config/development-postgres12.yaml: our ports and PostgreSQL, the shard count, no pprof/metrics
// ports, no archival. Kept apart from the process handling so the settings read in one place.

export interface ClusterPorts {
  frontend: number;
  frontendHttp: number;
  frontendMembership: number;
  history: number;
  historyMembership: number;
  matching: number;
  matchingMembership: number;
  worker: number;
  workerMembership: number;
}

export interface ClusterConfigInput {
  pg: URL;
  shards: number;
  ports: ClusterPorts;
  /** Absolute: a relative path would resolve against the server's working directory. */
  dynamicConfigFile: string;
  logFile: string;
}

/**
 * Connection pools are per service and there are four services in the process: 4 × (12 + 4) = 64
 * connections at most, within PostgreSQL's default 100 next to rectify's own pool.
 */
function datastore(pg: URL, databaseName: string, maxConns: number) {
  return {
    sql: {
      pluginName: 'postgres12',
      databaseName,
      connectAddr: `${pg.hostname}:${pg.port}`,
      connectProtocol: 'tcp',
      user: decodeURIComponent(pg.username || 'postgres'),
      password: decodeURIComponent(pg.password),
      maxConns,
      maxIdleConns: maxConns,
      maxConnLifetime: '1h',
    },
  };
}

function service(grpcPort: number, membershipPort: number, httpPort?: number) {
  return { rpc: { grpcPort, membershipPort, bindOnLocalHost: true, ...(httpPort ? { httpPort } : {}) } };
}

export function clusterConfig({ pg, shards, ports, dynamicConfigFile, logFile }: ClusterConfigInput) {
  return {
    log: { stdout: false, outputFile: logFile, level: 'warn' },
    persistence: {
      defaultStore: 'postgres-default',
      visibilityStore: 'postgres-visibility',
      numHistoryShards: shards,
      datastores: {
        'postgres-default': datastore(pg, 'temporal', 12),
        'postgres-visibility': datastore(pg, 'temporal_visibility', 4),
      },
    },
    global: { membership: { maxJoinDuration: '30s', broadcastAddress: '127.0.0.1' } },
    services: {
      frontend: service(ports.frontend, ports.frontendMembership, ports.frontendHttp),
      history: service(ports.history, ports.historyMembership),
      matching: service(ports.matching, ports.matchingMembership),
      worker: service(ports.worker, ports.workerMembership),
    },
    clusterMetadata: {
      enableGlobalNamespace: false,
      failoverVersionIncrement: 10,
      masterClusterName: 'active',
      currentClusterName: 'active',
      clusterInformation: { active: { enabled: true, initialFailoverVersion: 1, rpcName: 'frontend', rpcAddress: `127.0.0.1:${ports.frontend}` } },
    },
    dcRedirectionPolicy: { policy: 'noop' },
    dynamicConfigClient: { filepath: dynamicConfigFile, pollInterval: '10s' },
  };
}

/** Dynamic settings: Workflow Updates (on by default in 1.29, stated so a reader need not know). */
export const DYNAMIC_CONFIG = `frontend.enableUpdateWorkflowExecution:
  - value: true
frontend.enableUpdateWorkflowExecutionAsyncAccepted:
  - value: true
limit.maxIDLength:
  - value: 255
`;
