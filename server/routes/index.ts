import type { FastifyInstance } from 'fastify';
import type { Desk } from '../context';
import { registerActionRoutes } from './actions';
import { registerAdminRoutes } from './admin';
import { registerAuthRoutes } from './auth';
import { registerCampaignRoutes } from './campaigns';
import { registerDeliveryRoutes } from './deliveries';
import { registerContactRoutes } from './contacts';
import { registerDeskRoutes } from './desk';
import { registerDocumentRoutes } from './documents';
import { registerEvidenceRoutes } from './evidence';
import { registerHealthRoutes } from './health';
import { registerProblemRoutes } from './problems';

/** Every route of the desk, by area; each file is one page's or one concern's API. */
export async function registerRoutes(app: FastifyInstance, desk: Desk): Promise<void> {
  registerHealthRoutes(app, desk);
  registerAuthRoutes(app, desk);
  registerCampaignRoutes(app, desk);
  registerProblemRoutes(app, desk);
  registerActionRoutes(app, desk);
  registerEvidenceRoutes(app, desk);
  registerDeskRoutes(app, desk);
  registerDocumentRoutes(app, desk);
  registerAdminRoutes(app, desk);
  registerDeliveryRoutes(app, desk);
  registerContactRoutes(app, desk);
}
