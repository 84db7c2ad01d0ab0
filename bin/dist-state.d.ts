/** Whether dist/ (from `npm run build`) is current: see dist-state.js. */
export declare function distState(dist?: string): 'current' | 'stale' | 'none';
