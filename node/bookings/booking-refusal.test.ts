import { describe, expect, it } from 'vitest';
import { HallnetError } from '../../sync/index.js';
import { bookingRefusal } from './booking-refusal.js';

describe('the reason a hall gives the resident for refusing his booking', () => {
  it('is the Chinese words of the refusal, never its English', () => {
    expect(bookingRefusal(new HallnetError('ERR_SLOT_FULL', 'slot full'))).toBe('该时段已约满，请选择其他时段');
    expect(bookingRefusal(new HallnetError('ERR_APPOINTMENT_EXISTS', 'exists'))).toBe('您当天已在该大厅预约过这类业务');
    const closed = new HallnetError('ERR_VALIDATION', 'closed', {
      issues: [{ field: 'slot', reason: 'the hall is closed that day / 该日为休息日，大厅不办公' }],
    });
    expect(bookingRefusal(closed)).toBe('该日为休息日，大厅不办公');
    const level = new HallnetError('ERR_MATTER_LEVEL', 'level', {
      issues: [{ field: 'matterCode', reason: 'not handled at this hall / 该大厅不办理该事项' }],
    });
    expect(bookingRefusal(level)).toBe('该大厅不办理该事项');
  });

  it('is none for a failure that is not about the booking: the hall tries again instead of refusing', () => {
    expect(bookingRefusal(new Error('disk full'))).toBeUndefined();
    expect(bookingRefusal(new HallnetError('ERR_INTERNAL', 'boom'))).toBeUndefined();
  });
});
