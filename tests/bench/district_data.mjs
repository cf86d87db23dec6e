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
