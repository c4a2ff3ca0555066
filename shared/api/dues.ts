/** The API contract of this capability (endpoints and schemas); empty until its issue lands. */
export const duesApi = {} as const;
