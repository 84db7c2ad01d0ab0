export { problemWorkflow } from './problem';
export { campaignWorkflow } from './campaign';
