// A deterministic district like 建安区: 18 township-level units, ~400
// villages, households as the monitoring system exports them (valid 身份证号),
// for the benchmarks. The same arguments give the same bytes.
export const TOWNSHIPS = ['椹涧乡', '灵井镇', '陈曹乡', '桂村乡', '五女店镇', '将官池镇', '榆林乡', '河街乡', '小召乡',
  '张潘镇', '苏桥镇', '蒋李集镇', '艾庄回族乡', '尚集镇', '长村张乡', '丁庄街道', '新元街道', '北海街道'];

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '建国志强秀英桂兰玉梅明华海涛丽娟春生德胜文静淑珍红霞永福金凤国庆小平俊杰雪梅新民';
const VILLAGE_WORDS = '东西南北前后大小新老上下中马王李张刘陈杨赵黄周吴徐孙胡朱高林何郭';
const KINDS = ['脱贫享受政策户', '脱贫不享受政策户', '监测对象（风险未消除）', '监测对象（风险已消除）', '一般农户'];

export function rng(seed) {
  let s = seed >>> 0;
  return (k) => { s = (Math.imul(s, 1103515245) + 12345) >>> 0; return (s >>> 8) % k; };
}

// GB 11643 check character of the first 17 digits.
export function idCheckChar(first17) {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * w[i];
  return '10X98765432'[sum % 11];
}

// ~22 villages per township, ~400 in all: [township, village][].
export function villages(seed = 411023) {
  const r = rng(seed);
  const out = [];
  TOWNSHIPS.forEach((t) => {
    const n = 19 + r(7);
    const used = new Set();
    while (used.size < n) used.add(VILLAGE_WORDS[r(VILLAGE_WORDS.length)] + VILLAGE_WORDS[r(VILLAGE_WORDS.length)] + '村');
    for (const v of used) out.push([t, v]);
  });
  return out;
}

// n households spread over the villages: 户编号, 户主姓名, 证件号码, 所在乡镇,
// 所在村, 人员类型, 家庭人口数, 联系电话.
export function households(n, seed = 20220601) {
  const r = rng(seed);
  const vs = villages();
  const rows = [];
  for (let i = 0; i < n; i++) {
    const [t, v] = vs[i % vs.length];
    // A different (birth day, sequence) per household: the ID numbers are unique.
    const born = new Date(Date.UTC(1935, 0, 1) + ((i * 7919) % 25000) * 86400000);
    const birth = born.toISOString().slice(0, 10).replaceAll('-', '');
    const first17 = `411023${birth}${String(Math.floor(i / 25000) * 37 % 1000).padStart(3, '0')}`;
    rows.push([`41102300${String(i + 1).padStart(7, '0')}`, SURNAMES[r(SURNAMES.length)] + GIVEN.substr(2 * r(GIVEN.length / 2), 2),
      first17 + idCheckChar(first17), t, v, KINDS[r(5)], 1 + r(6), r(3) ? `13${String(r(1e9)).padStart(9, '0')}` : '']);
  }
  return rows;
}

export const HOUSEHOLD_HEADER = ['户编号', '户主姓名', '证件号码', '所在乡镇', '所在村', '人员类型', '家庭人口数', '联系电话'];

export function toCsv(header, rows) {
  return '\ufeff' + [header, ...rows].map((r) => r.join(',')).join('\r\n') + '\r\n';
}

// A ledger's rows (问题类型 … 责任单位), deterministic, with Chinese text of real
// length; `towns` are named in 问题表述, and returned per row (the unit that
// reported it, for the district benchmark).
const LEDGER_TOWNS = ['椹涧乡', '陈曹乡', '小召乡', '河街乡', '桂村乡', '五女店镇', '将官池镇', '蒋李集镇', '张潘镇', '灵井镇'];
export function ledgerRows(n, towns = LEDGER_TOWNS) {
  let seed = 20220601;
  // The high bits: an LCG's low bits repeat with a short period (k = 8 gave one area in every row).
  const rnd = (k) => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return (seed >>> 12) % k; };
  const areas = ['农村危房改造', '健康扶贫', '教育扶贫', '饮水安全', '就业扶贫', '综合保障', '金融扶贫', '户厕改造'];
  const units = ['区住建局', '区卫健委', '区教体局', '区水利局', '区人社局', '区民政局', '区金融工作局', '区城管局'];
  const issues = ['住房未进行安全鉴定，未出具房屋安全性评定结果，未悬挂标示牌',
    '慢性病卡到期未更换，家庭医生签约协议已过期，未参加免费体检',
    '适龄儿童未按时入学，送教上门服务记录不全，劝返工作未建立台账',
    '集中供水点消毒设备不能正常使用，水质检测报告未在村内规范张贴',
    '公益性岗位工资未及时发放，存在人岗不匹配、协议不规范的情况',
    '低保金未按时发放，临时救助申请审批时间过长，群众反映办理难',
    '小额信贷到期未还，贷款用途与申请不一致，存在户贷企用风险',
    '户厕改造后未通水，部分户厕闲置并用于堆放杂物，使用率偏低'];
  const measures = ['责成村两委限期完成，乡镇包村干部跟踪督办，完成后逐户回访并留存影像资料',
    '由行业部门牵头制定整改方案，明确责任人和时间节点，每周报送整改进度',
    '立即组织人员入户核实，建立问题台账，整改完成一项销号一项'];
  const rows = [], rowTowns = [];
  for (let i = 0; i < n; i++) {
    const a = rnd(8);
    const town = towns[rnd(towns.length)];
    rowTowns.push(town);
    const day = 2 + rnd(28);
    rows.push([areas[a], rnd(4) === 0 ? '共性问题' : '个性问题',
      `${town}第${1 + rnd(30)}村${'张王李赵刘陈杨黄'[rnd(8)]}某某户${issues[a]}（编号${i + 1}）`,
      measures[rnd(3)], `2022-06-${String(day).padStart(2, '0')}`, units[a]]);
  }
  return { rows, towns: rowTowns };
}
