import { describe, expect, it } from 'vitest';
import { NOTICE_TEMPLATES, renderNotice } from './notice-templates.js';

const SAMPLE: Record<string, string> = {
  queryCode: 'ABCDEFGHJK7',
  matter: '残疾人证核发',
  promisedBy: '2026-11-20',
  makeUpBy: '2026-11-10',
  note: '照片须为白底',
  materials: '近期2寸白底免冠彩色照片、户口簿',
  where: '皇城根社区服务站',
  lockerCode: '845120',
  courier: 'EMS',
  tracking: '1186203001234',
  link: 'https://hall.example/rate/abcdefghijklmnop.signature',
  reason: '申请人不在本辖区居住',
  licence: '残疾人证',
  number: 'DC-CL-2026-000123',
  slot: '12月7日 09:00',
};

describe('NOTICE_TEMPLATES', () => {
  it('read as Chinese SMS: no doubled punctuation, no empty brackets, the hall signed first', () => {
    for (const template of Object.keys(NOTICE_TEMPLATES)) {
      for (const params of [SAMPLE, { ...SAMPLE, materials: '', tracking: '' }]) {
        const text = renderNotice(template, params, '景山街道办事处')!;
        expect(text, template).toMatch(/^【景山街道办事处】/);
        expect(text, template).not.toMatch(/[，。；：、！？,.;:!?]{2}|（）|“”|undefined/);
      }
    }
  });
});
