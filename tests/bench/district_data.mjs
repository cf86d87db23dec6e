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

// The registry as the monitoring system really exports it: one row per PERSON,
// the members of a household contiguous, the head marked by 与户主关系 = 户主
// (first in most households, but after the spouse or last in about one in
// five), 人数 and the household's columns repeated on every member's row.
// persons(nHouseholds, seed) -> {header, rows, households}: `households` is
// nHouseholds (each one has at least one row; 户编号 as in households()).
// ~3.2 people per household (1-6); valid, unique 证件号码 with birth dates
// that fit the relation (ages on 2022-06-15); households in contiguous blocks
// per village, over villages(); 户类型 as the system writes it, in about the
// district's proportions (脱贫户 ~5 %, 监测户 ~1 %, the rest 一般农户).
// 800,000 rows take a few seconds; the same arguments give the same rows.
export const PERSON_HEADER = ['序号', '县(市、区、旗)', '乡(镇)', '行政村', '户编号', '人编号', '姓名', '证件号码', '人数',
  '与户主关系', '户类型', '监测对象类别', '风险是否消除', '户联系电话', '民族', '文化程度', '健康状况', '劳动技能'];
const MONITOR_TYPES = ['脱贫不稳定户', '边缘易致贫户', '突发严重困难户'];
const RARE_GIVEN = '堃玥喆珺赟垚彧翀暐洺琇昇镕烜焜犇';  // beyond GB2312: the font must have them
// Household sizes 1-6, weights in percent: mean 3.23.
const SIZE_WEIGHTS = [13, 22, 23, 21, 13, 8];
const SIZE_TABLE = SIZE_WEIGHTS.flatMap((w, i) => Array(w).fill(i + 1));
// Birth dates: day 0 is 1920-01-01; the text and the GB 11643 weighted sum of
// "411023" + YYYYMMDD for every day up to 2022-06-15, computed once.
const DAY0 = Date.UTC(1920, 0, 1);
const TODAY_DAY = (Date.UTC(2022, 5, 15) - DAY0) / 86400000;
let birthTable = null;
function births() {
  if (birthTable) return birthTable;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const text = new Array(TODAY_DAY + 1), sum = new Int32Array(TODAY_DAY + 1);
  for (let d = 0; d <= TODAY_DAY; d++) {
    const s = '411023' + new Date(DAY0 + d * 86400000).toISOString().slice(0, 10).replaceAll('-', '');
    let x = 0;
    for (let i = 0; i < 14; i++) x += (s.charCodeAt(i) - 48) * w[i];
    text[d] = s;
    sum[d] = x;
  }
  birthTable = { text, sum };
  return birthTable;
}
const PAD3 = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));
const PAD2 = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'));

export function persons(nHouseholds, seed = 20220615) {
  const r = rng(seed);
  const vs = villages();
  const { text: birthText, sum: birthSum } = births();
  // Per birth day and sex, how many 顺序码 are taken (odd for men, even for women).
  const taken = new Uint16Array(2 * (TODAY_DAY + 1));
  const id = (age, male) => {
    let d = Math.max(0, Math.min(TODAY_DAY, TODAY_DAY - age * 365 - r(365)));
    const sex = male ? 1 : 0;
    while (taken[2 * d + sex] >= 499) d = d > 0 ? d - 1 : TODAY_DAY;
    const order = 2 * taken[2 * d + sex]++ + (male ? 1 : 2);  // 1..997 men, 2..998 women
    const seq = PAD3[order];
    const sum = birthSum[d] + (seq.charCodeAt(0) - 48) * 8 + (seq.charCodeAt(1) - 48) * 4 + (seq.charCodeAt(2) - 48) * 2;
    return birthText[d] + seq + '10X98765432'[sum % 11];
  };
  const given = () => (r(10) === 0 ? RARE_GIVEN[r(RARE_GIVEN.length)] : GIVEN.substr(2 * r(GIVEN.length / 2), 2));
  const edu = (age) => (age < 6 ? '学龄前' : age < 12 ? '小学' : age < 15 ? '初中' : age < 18 ? (r(3) ? '高中' : '初中')
    : age >= 60 ? (r(2) ? '小学' : '文盲或半文盲') : ['小学', '初中', '初中', '高中', '大专'][r(5)]);
  const health = (age) => {
    const k = r(100), old = age >= 60;
    return k < (old ? 60 : 84) ? '健康' : k < (old ? 90 : 94) ? '长期慢性病' : k < (old ? 95 : 97) ? '患有大病' : '残疾';
  };
  const labor = (age) => (age < 16 ? '无劳动力' : age < 60 ? ['普通劳动力', '普通劳动力', '普通劳动力', '普通劳动力', '普通劳动力', '普通劳动力', '弱劳动力或半劳动力', '丧失劳动力'][r(8)]
    : ['弱劳动力或半劳动力', '弱劳动力或半劳动力', '丧失劳动力', '无劳动力'][r(4)]);
  const rows = [];
  let serial = 0;
  for (let i = 0; i < nHouseholds; i++) {
    const [t, v] = vs[Math.floor(i * vs.length / nHouseholds)];
    const code = `41102300${String(i + 1).padStart(7, '0')}`;
    const size = SIZE_TABLE[r(100)];
    const k = r(100);
    const kind = k < 5 ? '脱贫户' : k < 6 ? '监测户' : '一般农户';
    const monitor = kind === '监测户' ? MONITOR_TYPES[r(3)] : '';
    const cleared = kind === '监测户' ? (r(5) < 3 ? '是' : '否') : '';
    const p = r(12);
    const phone = p < 2 ? '' : `1${'3578'[r(4)]}${String(r(1e9)).padStart(9, '0')}`;
    const phoneOnAll = p >= 9;
    const nation = r(50) ? '汉族' : '回族';
    const surname = SURNAMES[r(SURNAMES.length)];
    // The members: relation, name, age, male.
    const headAge = size === 1 ? 45 + r(45) : 28 + r(50);
    const headMale = r(100) < 85;
    const m = [['户主', surname + given(), headAge, headMale]];
    if (size >= 2) m.push(['配偶', SURNAMES[r(SURNAMES.length)] + given(), Math.max(20, headAge - 3 + r(7)), !headMale]);
    for (let j = 2; j < size; j++) {
      if (headAge >= 55) {
        if (j === 2) m.push(['之子', surname + given(), headAge - 24 - r(8), true]);
        else if (j === 3) m.push(['之儿媳', SURNAMES[r(SURNAMES.length)] + given(), headAge - 24 - r(8), false]);
        else { const boy = r(2) === 0; m.push([boy ? '之孙子' : '之孙女', surname + given(), r(16), boy]); }
      } else if (j === 5 || (j === 4 && headAge < 45)) {
        const father = r(3) === 0;
        m.push([father ? '之父' : '之母', (father ? surname : SURNAMES[r(SURNAMES.length)]) + given(), Math.min(95, headAge + 22 + r(10)), father]);
      } else {
        const boy = r(2) === 0;
        m.push([boy ? '之子' : '之女', surname + given(), Math.max(0, headAge - 22 - r(20)), boy]);
      }
    }
    // Person codes in the system's order (head 01); the sheet's order is not always that.
    for (let j = 0; j < m.length; j++) m[j].push(code + PAD2[j + 1]);
    const o = size > 1 ? r(10) : 0;
    if (o === 1) m.push(m.shift());                 // the head last
    else if (o === 2) [m[0], m[1]] = [m[1], m[0]];  // the spouse first
    for (const [relation, name, age, male, personCode] of m) {
      rows.push([++serial, '建安区', t, v, code, personCode, name, id(age, male), size, relation, kind, monitor, cleared,
        relation === '户主' || phoneOnAll ? phone : '', nation, edu(age), health(age), labor(age)]);
    }
  }
  return { header: PERSON_HEADER, rows, households: nHouseholds };
}
