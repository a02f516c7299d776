/**
 * The Chinese words the pages show for the API's codes. The server renders with them and hands
 * the same table to the browser scripts (in the page's config block), so both say the same.
 */
export const LABELS = {
  status: { 'pre-review': '预审中', processing: '办理中', completed: '已办结', rejected: '不予受理/退件', withdrawn: '已撤回', refused: '预审不予受理' },
  /** Where a case stands for the applicant: its status, but 退回补正 while it waits for his materials. */
  phase: { 'pre-review': '预审中', processing: '办理中', returned: '退回补正', completed: '已办结', rejected: '不予受理/退件', withdrawn: '已撤回', refused: '预审不予受理' },
  light: { green: '正常', yellow: '临近时限', red: '已超期', paused: '暂停' },
  necessity: { required: '必需', secondary: '次要（可容缺）', optional: '视情况提交' },
  event: {
    accepted: '受理',
    applied: '网上申请',
    'amendment-requested': '预审要求补充材料',
    amended: '申请人补传材料',
    refused: '预审不予受理',
    'material-received': '收到补正材料',
    completed: '办结',
    rejected: '不予受理/退件',
    withdrawn: '撤回',
    forwarded: '转报',
    returned: '退回补正',
    supplemented: '申请人补正材料',
    'stage-started': '启动审批',
    approved: '审批通过',
    declined: '审批不通过',
    extended: '延长时限',
    delivered: '出件',
    'picked-up': '已领取',
    'make-up-overdue': '容缺材料逾期未补',
    rated: '评价',
  },
  delivery: { window: '窗口领取', locker: '智能柜自取', courier: '快递送达' },
  /** What a hall cut off from the hub tells residents: it can speak only for what it holds. */
  cutOff: {
    track: '本站暂时无法连接区中心，仅能查询本站办件。',
    portal: '本站暂时无法连接区中心，仅显示本站办件。恢复连接后可查看您在全区的办件。',
  },
  channel: { window: '窗口受理', online: '网上申请' },
  materialLevel: { A: 'A 级（电子证照）', B: 'B 级（窗口已核验原件）', C: 'C 级（网上上传，待核验原件）', D: 'D 级（告知承诺）' },
  lapse: { ERR_LICENCE_REVOKED: '已吊销', ERR_LICENCE_EXPIRED: '已过期', ERR_LICENCE_NOT_YET_VALID: '尚未生效', ERR_LICENCE_SEAL: '电子印章无效（证照可能被篡改）', ERR_LICENCE_SIGNER: '签发节点无权签发或已被吊销', ERR_LICENCE_UNKNOWN: '证照库中没有该证照' },
  idType: { 'resident-id': '居民身份证', passport: '护照', 'hk-macao-permit': '港澳居民来往内地通行证', 'taiwan-permit': '台湾居民来往大陆通行证', uscc: '统一社会信用代码' },
  applicantKind: { person: '自然人', company: '法人/其他组织' },
  level: { 4: '区级', 5: '街道', 6: '社区' },
  levelHall: { 4: '区政务服务中心', 5: '街道便民服务中心', 6: '社区服务站' },
  syncState: { starting: '正在连接', syncing: '正在同步', idle: '已同步', offline: '离线', stopped: '已停止', alone: '独立运行（未配置区级平台）' },
  matterType: {
    '00': '行政许可',
    '01': '行政处罚',
    '02': '行政强制',
    '03': '行政征收',
    '04': '行政给付',
    '05': '行政检查',
    '06': '行政确认',
    '07': '行政奖励',
    '08': '行政裁决',
    '09': '其他行政权力',
    '10': '其他',
    '20': '公共服务',
  },
  decidedBy: { accepting: '受理机构', street: '街道', district: '区政务服务中心', department: '主管部门' },
  role: { clerk: '窗口人员', 'back-office': '后台审批', director: '负责人', supervisor: '效能监察', admin: '管理员' },
  staffChange: {
    create: '开通账号',
    disable: '停用',
    enable: '启用',
    move: '调动',
    roles: '调整角色',
    phone: '登记手机号',
    'reset-password': '发送重置密码验证码',
    'password-set': '本人用验证码重设密码',
  },
} as const;

/** The labels as handed to the browser. */
export type Labels = typeof LABELS;
