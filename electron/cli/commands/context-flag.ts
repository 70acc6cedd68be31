/** The `--context NAME` option shared by the cluster commands, like kubectl's. */
export const contextOption = { context: { type: 'string' as const } };
