/**
 * All of hallnet's errors: one base class with a stable `code` that callers switch on and tests
 * assert, and one table that gives each code its HTTP status and a bilingual message.
 */
export const errorTable = {
  ERR_VALIDATION: { status: 400, zh: '输入有误', en: 'invalid input' },
  ERR_MALFORMED_JSON: { status: 400, zh: '请求体不是合法的 JSON', en: 'request body is not valid JSON' },
  ERR_BODY_TOO_LARGE: { status: 413, zh: '请求体过大', en: 'request body too large' },
  ERR_UNSUPPORTED_MEDIA_TYPE: { status: 415, zh: '请求体类型不支持', en: 'unsupported request body type' },
  ERR_NOT_FOUND: { status: 404, zh: '未找到', en: 'not found' },
  ERR_MATTER_UNKNOWN: { status: 404, zh: '事项不存在', en: 'unknown matter' },
  ERR_MATTER_LEVEL: { status: 422, zh: '本级不能办理该事项', en: 'this level may not handle the matter' },
  ERR_CASE_MATERIAL_MISSING: { status: 422, zh: '缺少必要材料', en: 'required material missing' },
  ERR_COMMITMENT_NOT_ALLOWED: {
    status: 422,
    zh: '该材料不适用告知承诺',
    en: 'the material cannot be replaced by a commitment',
  },
  ERR_MATTER_NOT_ONLINE: { status: 422, zh: '该事项不能网上办理', en: 'this matter cannot be applied for online' },
  ERR_FILE_TOO_LARGE: { status: 413, zh: '文件超过大小上限', en: 'file over the size limit' },
  ERR_FILE_TYPE: {
    status: 415,
    zh: '文件类型不支持，仅限 PDF、JPEG、PNG',
    en: 'file type not accepted: PDF, JPEG or PNG only',
  },
  ERR_APPLICATION_OPEN: {
    status: 409,
    zh: '您已有同一事项正在办理的申请',
    en: 'an application for the same matter is open',
  },
  ERR_LICENCE_INVALID: {
    status: 422,
    zh: '电子证照无效，不能作为申请材料',
    en: 'the licence is not valid and cannot stand for a material',
  },
  ERR_LIBRARY_ITEM: {
    status: 422,
    zh: '材料库中没有可用的该项材料',
    en: 'no usable item of the library for this material',
  },
  ERR_NOT_VERIFIED: {
    status: 403,
    zh: '请先携带身份证到任一政务服务大厅窗口核验身份',
    en: 'identity not verified in person yet',
  },
  ERR_CASE_STATE: { status: 409, zh: '办件当前状态不允许该操作', en: 'the case is not in a state that allows this' },
  ERR_NOT_RESPONSIBLE: {
    status: 409,
    zh: '本机构不是该办件当前的责任单位',
    en: 'this office is not responsible for the case now',
  },
  ERR_WRITE_REFUSED: {
    status: 403,
    zh: '该操作不符合区级写入规则，未保存',
    en: "refused by the district's write rule; nothing was saved",
  },
  ERR_CASE_CONFLICT: {
    status: 503,
    zh: '办件正被同时修改，请重试',
    en: 'the case is being changed concurrently, retry',
  },
  ERR_CATEGORY_NOT_SERVED: { status: 422, zh: '本大厅不办理该类业务', en: 'this hall does not serve the category' },
  ERR_WINDOW_CLOSED: { status: 409, zh: '窗口未开启', en: 'the window is not open' },
  ERR_WINDOW_NOT_YOURS: { status: 403, zh: '该窗口由其他工作人员开启', en: 'the window is open under another clerk' },
  ERR_WINDOW_STATE: {
    status: 409,
    zh: '窗口当前状态不允许该操作',
    en: 'the window is not in a state that allows this',
  },
  ERR_TICKET_STATE: {
    status: 409,
    zh: '号码当前状态不允许该操作',
    en: 'the ticket is not in a state that allows this',
  },
  ERR_TICKET_HELD: { status: 409, zh: '您已持有该类业务的有效号码', en: 'a ticket for this category is already held' },
  ERR_REISSUE_EXPIRED: {
    status: 409,
    zh: '已超过补号时限，请重新取号',
    en: 'too late to re-issue the missed ticket; take a new one',
  },
  ERR_RATING_NOT_OPEN: {
    status: 409,
    zh: '办结后才能评价',
    en: 'only a completed case or a finished visit can be rated',
  },
  ERR_RATING_EXISTS: { status: 409, zh: '已经评价过，不能重复评价', en: 'already rated; a rating is given once' },
  ERR_RATING_CLOSED: { status: 409, zh: '已超过评价期限', en: 'the time to rate has run out' },
  ERR_DRAFT_STATE: {
    status: 409,
    zh: '事项草稿当前状态不允许该操作',
    en: 'the matter draft is not in a state that allows this',
  },
  ERR_DRAFT_NOT_REVIEWED: {
    status: 409,
    zh: '事项草稿未经审核，不能发布',
    en: 'the matter draft has not been reviewed; it cannot be published',
  },
  ERR_REVIEW_BY_DRAFTER: {
    status: 409,
    zh: '须由起草人以外的管理员审核',
    en: 'a draft is reviewed by another admin than its drafter',
  },
  ERR_RATING_LINK_EXPIRED: { status: 410, zh: '评价请求已过期，请窗口重新发起', en: 'the rating request has expired' },
  ERR_DEVICE_NOT_PAIRED: {
    status: 401,
    zh: '本评议器尚未与窗口配对，请工作人员在评议器上输入配对码',
    en: 'this rating device is not paired with the window',
  },
  ERR_NO_RATING_DEVICE: {
    status: 409,
    zh: '该窗口尚未配对评议器，请先在叫号面板获取配对码并在评议器上输入',
    en: 'no rating device is paired with this window',
  },
  ERR_PAIRING_CODE_INVALID: { status: 400, zh: '配对码错误或已过期', en: 'wrong or expired pairing code' },
  ERR_RATING_BY_STAFF: {
    status: 403,
    zh: '工作人员已登录的浏览器不能提交评价，评价须由办事人在评议器或短信链接中作出',
    en: 'a browser with a staff login cannot rate; the resident rates on the device or by the SMS link',
  },
  ERR_FOLLOW_UP_NONE: { status: 409, zh: '该评价无需回访', en: 'this rating has no follow-up to answer' },
  ERR_FOLLOW_UP_ANSWERED: { status: 409, zh: '该回访已答复', en: 'the follow-up has already been answered' },
  ERR_APPOINTMENT_INVALID: {
    status: 422,
    zh: '预约无效、已使用或不在今天',
    en: 'the appointment is not valid for a ticket now',
  },
  ERR_APPOINTMENT_EXISTS: {
    status: 409,
    zh: '您当天已预约该类业务，不能重复预约',
    en: 'already booked for this category that day',
  },
  ERR_SLOT_FULL: { status: 409, zh: '该时段已约满，请选择其他时段', en: 'the slot is fully booked' },
  ERR_NOT_BOOKABLE: { status: 422, zh: '该事项不接受预约', en: 'the matter cannot be booked' },
  ERR_RATE_LIMITED: { status: 429, zh: '请求过于频繁', en: 'too many requests' },
  ERR_TICKETS_TOO_FAST: {
    status: 429,
    zh: '取号过于频繁，请稍候一分钟再取号；如需帮助请联系大厅工作人员',
    en: 'too many tickets in a minute here; wait a minute',
  },
  ERR_UNAUTHENTICATED: { status: 401, zh: '未登录或登录已失效', en: 'not authenticated' },
  ERR_TOKEN_INVALID: { status: 401, zh: '令牌无效', en: 'invalid token' },
  ERR_TOKEN_EXPIRED: { status: 401, zh: '令牌已过期', en: 'token expired' },
  ERR_KEYS_NOT_HELD: {
    status: 401,
    zh: '本站尚未收到签发该登录凭证的身份密钥（区级平台更换密钥时本站未联网），恢复连接后即可使用；现在请到窗口办理',
    en: 'this hall has not received the identity key the token is signed with yet; it will once its link to the hub is back',
  },
  ERR_IDENTITY_UNVERIFIED: {
    status: 401,
    zh: '身份尚未在窗口核验，请携带身份证到政务服务大厅办理实名核验',
    en: 'identity not verified in person at a window yet',
  },
  ERR_LOGIN_FAILED: { status: 401, zh: '用户名或密码错误', en: 'wrong account or password' },
  ERR_LOCKED_OUT: { status: 429, zh: '密码错误次数过多，账户已暂时锁定', en: 'too many failed logins, account locked' },
  ERR_REFRESH_REUSED: {
    status: 401,
    zh: '刷新令牌被重复使用，该次登录已全部注销',
    en: 'refresh token used twice; the whole session is revoked',
  },
  ERR_SESSION_REVOKED: { status: 401, zh: '该次登录已注销，请重新登录', en: 'session revoked, log in again' },
  ERR_OTP_INVALID: { status: 401, zh: '验证码错误或已失效', en: 'wrong or expired one-time code' },
  ERR_ACCOUNT_DISABLED: { status: 403, zh: '该账号已停用，请联系管理员', en: 'the account is disabled' },
  ERR_STAFF_NO_PHONE: {
    status: 422,
    zh: '该账号未登记手机号，无法发送验证码，请先登记手机号',
    en: 'the account has no phone to send a code to',
  },
  ERR_ACCOUNT_EXISTS: { status: 409, zh: '账户已存在', en: 'an account with these details already exists' },
  ERR_NOTICE_FAILED: { status: 502, zh: '短信发送失败，请稍后再试', en: 'could not send the message, try again later' },
  ERR_FORBIDDEN: { status: 403, zh: '无权进行该操作', en: 'not allowed' },
  ERR_SCOPE_FORBIDDEN: { status: 403, zh: '超出本机构的管辖范围', en: "outside this organisation's subtree" },
  ERR_CERT_INVALID: { status: 401, zh: '节点证书无效', en: 'invalid node certificate' },
  ERR_CERT_EXPIRED: { status: 401, zh: '节点证书已过期', en: 'node certificate expired' },
  ERR_CERT_REVOKED: { status: 401, zh: '节点证书已被吊销', en: 'node certificate revoked' },
  ERR_HUB_UNREACHABLE: {
    status: 503,
    zh: '暂时无法连接区级平台，请稍后再试',
    en: 'the district hub cannot be reached now',
  },
  ERR_DUTY_ELSEWHERE: {
    status: 503,
    zh: '该操作由另一台区级平台实例负责，请重试',
    en: 'another hub instance holds this duty now, retry',
  },
  ERR_HUB_STARTING: {
    status: 503,
    zh: '区级平台正在启动，请稍后再试',
    en: 'the district hub is still building its indexes',
  },
  ERR_GRANT_INVALID: { status: 403, zh: '授权链无效', en: 'invalid grant chain' },
  ERR_RIGHT_MISSING: {
    status: 403,
    zh: '本机构未获得该项授权',
    en: 'this organisation has not been granted the right',
  },
  ERR_CONFIG: { status: 500, zh: '配置有误', en: 'invalid configuration' },
  ERR_INTERNAL: { status: 500, zh: '内部错误', en: 'internal error' },
  ERR_INVARIANT: {
    status: 500,
    zh: '系统状态已无法恢复，进程将重启',
    en: 'an invariant is broken beyond repair; the process exits to be restarted',
  },
} as const satisfies Record<string, { status: number; zh: string; en: string }>;

export type ErrorCode = keyof typeof errorTable;

/** One problem with one input field, as returned to the caller. */
export interface FieldIssue {
  field: string;
  reason: string;
}

export class HallnetError extends Error {
  readonly code: ErrorCode;
  readonly issues: FieldIssue[];
  readonly detail: Record<string, unknown> | undefined;

  constructor(
    code: ErrorCode,
    message?: string,
    opts: { issues?: FieldIssue[]; detail?: Record<string, unknown>; cause?: unknown } = {},
  ) {
    super(message ?? errorTable[code].en, { cause: opts.cause });
    this.name = 'HallnetError';
    this.code = code;
    this.issues = opts.issues ?? [];
    this.detail = opts.detail;
  }

  get status(): number {
    return errorTable[this.code].status;
  }

  /** The JSON body every API answers an error with. */
  toBody() {
    const { zh, en } = errorTable[this.code];
    return {
      error: {
        code: this.code,
        message: { zh, en: this.message === en ? en : `${en}: ${this.message}` },
        ...(this.issues.length ? { issues: this.issues } : {}),
        ...(this.detail ? { detail: this.detail } : {}),
      },
    };
  }
}
