import { orgDocId, type Level, type Organisation, type OrgKind } from '../../sync/index.js';
import { DEPARTMENTS, deptPath, type DeptSlug } from './departments.js';
import { DISTRICT, seedDoc } from './seed-doc.js';

type Street = { slug: string; name: string; communities: ReadonlyArray<readonly [slug: string, name: string]> };

/**
 * The 17 street offices and a few of each one's community service stations. Community names are
 * real communities of those streets as far as known; Dongcheng has 187 stations in all.
 */
const STREETS: readonly Street[] = [
  {
    slug: 'donghuamen',
    name: '东华门',
    communities: [
      ['nanchizi', '南池子'],
      ['shaojiu', '韶九'],
      ['duofuxiang', '多福巷'],
      ['zhengyilu', '正义路'],
    ],
  },
  {
    slug: 'jingshan',
    name: '景山',
    communities: [
      ['huangchenggen', '皇城根'],
      ['jixiang', '吉祥'],
      ['huanghuamen', '黄化门'],
      ['sanyanjing', '三眼井'],
    ],
  },
  {
    slug: 'jiaodaokou',
    name: '交道口',
    communities: [
      ['juer', '菊儿'],
      ['fuxiang', '福祥'],
      ['jiaodong', '交东'],
    ],
  },
  {
    slug: 'andingmen',
    name: '安定门',
    communities: [
      ['guozijian', '国子监'],
      ['wudaoying', '五道营'],
      ['fensiting', '分司厅'],
    ],
  },
  {
    slug: 'beixinqiao',
    name: '北新桥',
    communities: [
      ['haiyuncang', '海运仓'],
      ['jiudaowan', '九道湾'],
      ['beiguanting', '北官厅'],
    ],
  },
  {
    slug: 'dongsi',
    name: '东四',
    communities: [
      ['douban', '豆瓣'],
      ['chaoxi', '朝西'],
      ['batiao', '东四八条'],
    ],
  },
  {
    slug: 'chaoyangmen',
    name: '朝阳门',
    communities: [
      ['shijia', '史家'],
      ['neiwu', '内务'],
      ['zhugan', '竹杆'],
    ],
  },
  {
    slug: 'jianguomen',
    name: '建国门',
    communities: [
      ['xizongbu', '西总布'],
      ['dayabao', '大雅宝'],
      ['chongnei', '崇内'],
    ],
  },
  {
    slug: 'dongzhimen',
    name: '东直门',
    communities: [
      ['xinzhongjie', '新中街'],
      ['qingshuiyuan', '清水苑'],
      ['hujiayuan', '胡家园'],
    ],
  },
  {
    slug: 'hepingli',
    name: '和平里',
    communities: [
      ['qingnianhu', '青年湖'],
      ['xiaohuangzhuang', '小黄庄'],
      ['minwang', '民旺'],
    ],
  },
  {
    slug: 'qianmen',
    name: '前门',
    communities: [
      ['caochang', '草厂'],
      ['dajiang', '大江'],
      ['xidamochang', '西打磨厂'],
    ],
  },
  {
    slug: 'chongwenmenwai',
    name: '崇文门外',
    communities: [
      ['xinshijie', '新世界家园'],
      ['guoruicheng', '国瑞城'],
      ['xinyijiayuan', '新怡家园'],
    ],
  },
  {
    slug: 'donghuashi',
    name: '东花市',
    communities: [
      ['huashi-zaoyuan', '花市枣苑'],
      ['zhongshili', '忠实里'],
      ['donghuashi-beili', '东花市北里'],
    ],
  },
  {
    slug: 'longtan',
    name: '龙潭',
    communities: [
      ['longtan-beili', '龙潭北里'],
      ['xizhaosi', '夕照寺'],
      ['anhualou', '安化楼'],
    ],
  },
  {
    slug: 'tiyuguanlu',
    name: '体育馆路',
    communities: [
      ['fahua-nanli', '法华南里'],
      ['sikuaiyu', '四块玉'],
      ['changqingyuan', '长青园'],
    ],
  },
  {
    slug: 'tiantan',
    name: '天坛',
    communities: [
      ['jinyuchi', '金鱼池'],
      ['dongxiaoshi', '东晓市'],
      ['xiyuanzi', '西园子'],
    ],
  },
  {
    slug: 'yongdingmenwai',
    name: '永定门外',
    communities: [
      ['anlelin', '安乐林'],
      ['shazikou', '沙子口'],
      ['liulijing', '琉璃井'],
    ],
  },
];

function org(path: string, name: string, level: Level, kind: OrgKind): Organisation {
  return seedDoc('organisation', orgDocId(path), { path, name, level, kind });
}

/** The district's organisation tree: the service center, its departments, 17 street offices and their community stations. */
export function seedOrganisations(): Organisation[] {
  const out: Organisation[] = [org(DISTRICT, '东城区政务服务中心', 4, 'center')];
  for (const slug of Object.keys(DEPARTMENTS) as DeptSlug[]) {
    out.push(org(deptPath(slug), DEPARTMENTS[slug], 4, 'department'));
  }
  for (const street of STREETS) {
    const streetPath = `${DISTRICT}/${street.slug}`;
    out.push(org(streetPath, `${street.name}街道办事处`, 5, 'street'));
    for (const [slug, name] of street.communities) {
      out.push(org(`${streetPath}/${slug}`, `${name}社区服务站`, 6, 'community'));
    }
  }
  return out;
}
