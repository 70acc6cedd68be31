/**
 * The sandbox's simulated controllers. Each watches the store and converges what it owns;
 * nothing runs a container. `startControllers` is what the sandbox server calls;
 * `startControllerManager` also exposes settle()/resync() for tests and scenario loading.
 */
import type { SandboxStore } from '../store/types.ts';
import type { ControllerContext } from './context.ts';
import { certificatesController } from './certmanager/certificates.ts';
import { issuersController } from './certmanager/issuers.ts';
import { warmKeyPool } from './certmanager/key-pool.ts';
import { cronJobsController } from './cronjobs.ts';
import { daemonSetsController } from './daemonsets.ts';
import { deploymentsController } from './deployments.ts';
import { endpointsController } from './endpoints.ts';
import { eventsTtlController } from './events-ttl.ts';
import { gitRepositoriesController, helmReleasesController } from './flux.ts';
import { jobsController } from './jobs.ts';
import { runControllers, type ControllerManager, type Reconciler } from './manager.ts';
import { nodesController } from './nodes.ts';
import { podsController } from './pods.ts';
import { replicaSetsController } from './replicasets.ts';
import { servicesController } from './services.ts';
import { statefulSetsController } from './statefulsets.ts';
import { environmentProvisionersController, environmentsController } from './tronador.ts';
import { volumesController } from './volumes.ts';

export * from './context.ts';
export type { ControllerManager, Reconciler } from './manager.ts';

export function allReconcilers(): Reconciler[] {
  return [
    nodesController(),
    volumesController(),
    deploymentsController(),
    replicaSetsController(),
    statefulSetsController(),
    daemonSetsController(),
    jobsController(),
    cronJobsController(),
    podsController(),
    servicesController(),
    endpointsController(),
    issuersController(),
    certificatesController(),
    environmentsController(),
    environmentProvisionersController(),
    gitRepositoriesController(),
    helmReleasesController(),
    eventsTtlController(),
  ];
}

export function startControllerManager(store: SandboxStore, ctx: ControllerContext): ControllerManager {
  warmKeyPool();
  return runControllers(store, ctx, allReconcilers());
}

/** Starts every simulated controller; returns the function that stops them. */
export function startControllers(store: SandboxStore, ctx: ControllerContext): () => void {
  const manager = startControllerManager(store, ctx);
  return () => manager.stop();
}
