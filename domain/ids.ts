// Ids that several layers derive from the same facts: the workflow ids (starter, projection,
// desk) and the order of measure ids.

export const problemWorkflowId = (campaignId: string, no: number) => `rectify/${campaignId}/problem/${no}`;
export const campaignWorkflowId = (campaignId: string) => `rectify/${campaignId}/campaign`;

/** Measures are numbered M1, M2, …: compare by number, not as text (M10 after M9). */
export const measureNumber = (id: string): number => Number(id.replace(/^\D+/, '')) || 0;
