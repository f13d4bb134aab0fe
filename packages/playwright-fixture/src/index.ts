// Placeholder until this adapter's issue lands: the adapter will translate its framework's
// lifecycle into @docker-wrapper/core orchestration calls.
export const adapterStatus = 'planned' as const;
