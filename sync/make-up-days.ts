/**
 * The working days a 容缺 applicant has to make up what he owes: the matter's make-up period, never
 * past its promised time limit, for the case cannot be completed before the material comes, and a
 * resident who used the time he was given would otherwise make it overdue.
 */
export const makeUpWorkingDays = (m: { makeUpDays: number; promisedDays: number }) =>
  m.promisedDays > 0 ? Math.min(m.makeUpDays, m.promisedDays) : m.makeUpDays;
