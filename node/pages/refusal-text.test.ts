import { describe, expect, it } from 'vitest';
import { refusalText, syncErrorText } from './refusal-text.js';

describe('refusals and sync errors in Chinese', () => {
  it("names the refused record and gives the write rule's reason by kind", () => {
    expect(refusalText('notice:abc', 'params.link: Too big: expected string to have <=300 characters')).toBe(
      '短信通知被区级平台拒收：内容超出区级限额（长度、数量或大小）',
    );
    expect(refusalText('case:1', 'a case is never deleted')).toBe('办件被区级平台拒收：不允许删除');
    expect(refusalText('case:1', 'party dongcheng/x was dropped: parties only grow')).toBe(
      '办件被区级平台拒收：参与单位只能增加，不能减少',
    );
    expect(refusalText('case:1', 'event e1 differs from the one held: earlier events never change')).toBe(
      '办件被区级平台拒收：办件记录只能追加，已有记录不能改动',
    );
    expect(refusalText('rating:1', 'a rating is given once')).toBe('评价被区级平台拒收：只能写入一次，不能重复');
    expect(refusalText('material:1', 'scope dongcheng/a is outside dongcheng/b')).toBe(
      '材料被区级平台拒收：超出本机构的辖区或不是办件相关单位',
    );
    // A reason that already carries its Chinese (a case flag) keeps it.
    expect(
      refusalText(
        'case:1',
        'approved by dongcheng/dept/x: 签名无效或签名节点未知 / signature invalid or signing node unknown',
      ),
    ).toBe('办件被区级平台拒收：签名无效或签名节点未知');
    expect(refusalText('x', 'something new')).toBe('记录被区级平台拒收：不符合区级写入规则');
  });

  it('says whether the hub is unreachable or refuses the node', () => {
    expect(syncErrorText('TypeError fetch failed')).toBe('无法连接区级平台（网络不通或平台未运行）');
    expect(syncErrorText('401 unauthorized token expired')).toBe('区级平台不认可本节点的凭据（证书或令牌）');
    expect(syncErrorText('503 Service Unavailable')).toBe('区级平台暂时出错');
    expect(syncErrorText('the hub has sent nothing for 6 s')).toBe(
      '区级平台无响应（连接未断开，但数秒内没有收到任何数据）',
    );
    expect(syncErrorText('nothing arrived from the hub for 30000 ms')).toBe(
      '区级平台无响应（连接未断开，但数秒内没有收到任何数据）',
    );
    expect(syncErrorText('weird')).toBe('同步出错');
  });
});
