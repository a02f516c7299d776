import { HallnetError } from '../../sync/index.js';

/** Refusals that carry no field of their own, in the words the resident reads. */
const REASONS: Partial<Record<string, string>> = {
  ERR_SLOT_FULL: '该时段已约满，请选择其他时段',
  ERR_APPOINTMENT_EXISTS: '您当天已在该大厅预约过这类业务',
  ERR_CATEGORY_NOT_SERVED: '该大厅不办理这类业务',
};

/**
 * The Chinese reason a hall gives the resident for refusing his booking, from the error its queue
 * or its checks raised; undefined for a failure that is not about the booking (the hall tries
 * again later instead of refusing).
 */
export function bookingRefusal(err: unknown): string | undefined {
  if (!(err instanceof HallnetError)) return undefined;
  const known = REASONS[err.code];
  if (known) return known;
  const issue = (err.issues ?? [])[0]?.reason;
  if (issue) return issue.includes(' / ') ? issue.slice(issue.lastIndexOf(' / ') + 3) : issue;
  return err.code === 'ERR_VALIDATION' ? '预约有误，请重新选择' : undefined;
}
