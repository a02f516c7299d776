/**
 * The SMS a hall may send about a case, as templates: the outbox writes the text rendered from
 * the template and its parameters, and the write rule checks that a notice's text is exactly
 * that, so no hall can make another — or itself — send words of its own choosing.
 */
export const NOTICE_TEMPLATES = {
  'case.accepted': (p, hall) => `【${hall}】您的“${p.matter}”已受理，查询码${p.queryCode}，承诺${p.promisedBy}前办结。`,
  // 容缺受理: the acceptance names what is owed and by when, as the paper notice does.
  'case.accepted-make-up': (p, hall) =>
    `【${hall}】您的“${p.matter}”已受理，查询码${p.queryCode}，承诺${p.promisedBy}前办结。请于${p.makeUpBy}前补交容缺材料${p.materials ? `：${p.materials}` : ''}。`,
  'case.materials-requested': (p, hall) =>
    `【${hall}】您的“${p.matter}”（查询码${p.queryCode}）需补正${p.materials ? `材料：${p.materials}，说明：` : '：'}${p.note}。请到${p.where}补交，补正期间办理时限暂停计算。`,
  'case.make-up-due': (p, hall) => `【${hall}】您的办件（查询码${p.queryCode}）容缺材料请于${p.makeUpBy}前补交。`,
  'case.make-up-overdue': (p, hall) =>
    `【${hall}】您的办件（查询码${p.queryCode}）容缺材料已逾期未补交，请尽快联系${hall}。`,
  'case.completed': (p, hall) => `【${hall}】您的“${p.matter}”已办结（查询码${p.queryCode}）。`,
  // Where the result is: the window of a hall, a locker with its code, or a courier's parcel (统一窗口出件).
  'case.result-at-window': (p, hall) =>
    `【${hall}】您的“${p.matter}”办理结果已送达${p.where}，请携带本人身份证件到窗口领取（查询码${p.queryCode}）。`,
  'case.result-in-locker': (p, hall) =>
    `【${hall}】您的“${p.matter}”办理结果已放入${p.where}智能柜，取件码${p.lockerCode}（查询码${p.queryCode}）。`,
  'case.result-by-courier': (p, hall) =>
    `【${hall}】您的“${p.matter}”办理结果已由${p.courier}寄出${p.tracking ? `，运单号${p.tracking}` : ''}（查询码${p.queryCode}）。`,
  'case.rating-invite': (p, hall) => `【${hall}】请您对办件（查询码${p.queryCode}）的服务作出评价：${p.link}`,
  // Online applications (预审) and electronic licences: the clerk's free text sits in brackets, so no punctuation doubles.
  'case.amendment-requested': (p, hall) =>
    `【${hall}】您的网上申请“${p.matter}”（查询码${p.queryCode}）需补充材料：${p.materials}（${p.note}），请登录网上办事大厅补传。`,
  'case.refused': (p, hall) =>
    `【${hall}】您的网上申请“${p.matter}”（查询码${p.queryCode}）不予受理（原因：${p.reason}）。`,
  // 告知承诺 核查 found what he committed to untrue: the result is void (its licences revoked), or the open case ends.
  'case.commitment-false': (p, hall) =>
    `【${hall}】您办理“${p.matter}”（查询码${p.queryCode}）时签署的告知承诺经核查与实际不符（${p.note}），办理结果已撤销，有疑问请联系${hall}。`,
  // 预约 at any hall: the hall the resident chose tells him its decision.
  'booking.admitted': (p, hall) =>
    `【${hall}】您预约的“${p.matter}”已确认：${p.slot}，请按时到${hall}凭身份证件在取号机签到。`,
  'booking.refused': (p, hall) =>
    `【${hall}】您预约的“${p.matter}”（${p.slot}）未能预约（原因：${p.reason}），请另选时段或大厅。`,
  'licence.issued': (p, hall) =>
    `【${hall}】您的${p.licence}已签发电子证照（编号${p.number}），可在任一政务服务大厅或网上办事大厅查看和使用。`,
} satisfies Record<string, (params: Record<string, string | undefined>, hallName: string) => string>;

export type NoticeTemplate = keyof typeof NOTICE_TEMPLATES;

/** Parameters every template's text may draw on, and the form a rating link must have. */
const RATING_LINK = /^https?:\/\/[A-Za-z0-9.:[\]-]+(\/[A-Za-z0-9._~-]+)*\/rate\/[A-Za-z0-9._-]{10,600}$/;

/** The text of `template` with `params` for the hall named `hallName`; undefined for a template no hall sends. */
export function renderNotice(template: string, params: Record<string, string>, hallName: string): string | undefined {
  if (!Object.hasOwn(NOTICE_TEMPLATES, template)) return undefined;
  if (params.link !== undefined && !RATING_LINK.test(params.link)) return undefined;
  return NOTICE_TEMPLATES[template as NoticeTemplate](params, hallName);
}
