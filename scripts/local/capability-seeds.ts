/**
 * Demo data of each capability, seeded after the organisation (so members exist). Each entry must be
 * idempotent: a second `npm start` keeps what is there. Returns a one-line summary for the start log.
 */
export const CAPABILITY_SEEDS: Array<{ name: string; run: () => Promise<string> }> = [];
