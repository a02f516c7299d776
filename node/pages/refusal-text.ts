// What the hub's refusals and the sync link's errors mean, in Chinese for the clerks and operators
// who read the status and supervision pages. The rule's own English words stay in the node's log and
// in the page's tooltip; this says which record was refused and, by kind, why.

/** The Chinese name of a replicated document's type, from its id's prefix (`case:…`, `material:…`). */
const DOC_NAMES: Record<string, string> = {
  case: '办件',
  material: '材料',
  notice: '短信通知',
  rating: '评价',
  'rating-link': '评价链接',
  resident: '居民档案',
  report: '报表',
  'queue-summary': '排队日报',
  licence: '电子证照',
  grant: '授权',
  revocation: '吊销记录',
  certificate: '节点证书',
  matter: '事项',
  settings: '督查设置',
};

/** The kinds of refusal, first match wins: the rule's English reason as a pattern, its gist in Chinese. */
const GISTS: readonly [RegExp, string][] = [
  [/never deleted|never removed/i, '不允许删除'],
  [/exceed|bound of|too big|too long|too large|too small/i, '内容超出区级限额（长度、数量或大小）'],
  [/signature|proof|signed|does not verify|kid\b/i, '签名无效或签名节点未知'],
  [/outside|within its subtree|not involved|not a party|party .* was not made/i, '超出本机构的辖区或不是办件相关单位'],
  [/parties only grow|dropped/i, '参与单位只能增加，不能减少'],
  [
    /only grows|earlier events|differs from the one held|go after every earlier|keep their order/i,
    '办件记录只能追加，已有记录不能改动',
  ],
  [/\bonce\b|already|second acceptance/i, '只能写入一次，不能重复'],
  [
    /not responsible|responsible office|alone sends|only .* (changes|decides|sends)|belongs to|may only|may not/i,
    '本机构无权写入或修改该记录',
  ],
  [/not what|does not describe|not its template/i, '内容与签名或模板不符'],
  [/not held|no case|no grant|no bad rating|no valid acceptance/i, '所依据的办件或记录在区级平台不存在或不被采信'],
  [/changes only|changes nothing else|stays|never changes|goes back/i, '该记录的这项内容不允许修改'],
  [/invalid|expected|required|unrecognized|format|too_small|too_big/i, '格式不符合区级规范'],
];

/** The Chinese part of a reason written `中文 / english` or `english / 中文`, if it has one. */
export function chinesePart(reason: string): string | undefined {
  // A rule may lead with its own English context (`approved by …: 中文 / english`): keep the Chinese words only.
  return reason
    .split(' / ')
    .find((part) => /[\u4e00-\u9fff]/.test(part))
    ?.replace(/^[^\u4e00-\u9fff]*: /, '');
}

/** A refused document's reason in Chinese: which kind of record, and why by kind. */
export function refusalText(id: string, reason: string): string {
  const noun = DOC_NAMES[id.split(':')[0] ?? ''] ?? '记录';
  const gist = chinesePart(reason) ?? GISTS.find(([pattern]) => pattern.test(reason))?.[1] ?? '不符合区级写入规则';
  return `${noun}被区级平台拒收：${gist}`;
}

/** The sync link's last error in Chinese: unreachable, refused credentials, or another failure. */
export function syncErrorText(error: string): string {
  if (/has sent nothing|nothing arrived from the hub/.test(error))
    return '区级平台无响应（连接未断开，但数秒内没有收到任何数据）';
  if (/ECONNREFUSED|ENOTFOUND|ETIMEDOUT|ECONNRESET|EHOSTUNREACH|fetch|network|socket|timeout|offline/i.test(error))
    return '无法连接区级平台（网络不通或平台未运行）';
  if (/\b401\b|unauthori[sz]ed|token/i.test(error)) return '区级平台不认可本节点的凭据（证书或令牌）';
  if (/\b403\b|forbidden/i.test(error)) return '区级平台拒绝了本节点的请求';
  if (/\b5\d\d\b/.test(error)) return '区级平台暂时出错';
  return chinesePart(error) ?? '同步出错';
}
