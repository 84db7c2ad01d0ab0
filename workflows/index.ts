export { problemWorkflow } from './problem';
export { campaignWorkflow } from './campaign';
export { deliveryDispatcherWorkflow } from './delivery-dispatcher';
