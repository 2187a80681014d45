/** @module Policy dictionary: employment-policy terms that jieba's default dictionary cuts apart. */

/**
 * User dictionary for every jieba-based Segmenter, so ingest and queries cut policy names alike
 * (the index and the question must agree on "稳岗返还" being one term, not 稳岗 + 返还).
 *
 * How the list was grown: cut the files in `seeds/` with the default dictionary, count adjacent
 * Han-token pairs and triples, and keep the frequent ones that name a policy instrument, a target
 * group, a programme or an office. `policy-dictionary.test.ts` re-checks each term against the
 * seed text. Terms come from the policy domain, never from an evaluation question list.
 *
 * Trade-offs when adding a term:
 * - A long term hides the 4+-character terms inside it from search mode (`cutForSearch` re-emits
 *   only 2- and 3-character sub-words). List one only where jieba splits the inner term there
 *   anyway: 失业保险金 is cut 失业/保险金 without it, so listing it loses nothing.
 * - Overlapping terms compete: in 就业见习岗位 either 就业见习 or 见习岗位 survives, never both.
 *   见习岗位 and 贷款贴息 are left out so 就业见习 and 创业担保贷款 stay whole.
 *
 * Left out on purpose: 残疾人 and 人社. `insertWord` gives every word one default frequency and
 * cannot raise it, and next to very frequent single characters (人, 社) that weight loses: jieba
 * keeps cutting 残疾/人 and 开展/人/社/政策, so listing them would only mislead.
 */
export const policyTerms: readonly string[] = Object.freeze([
  // Subsidies, loans and refunds: the things people ask "can I get …".
  '稳岗返还',
  '一次性扩岗补助',
  '吸纳就业补贴',
  '社保补贴',
  '社会保险补贴',
  '岗位补贴',
  '见习补贴',
  '培训补贴',
  '技能提升补贴',
  '创业补贴',
  '创业担保贷款',
  '云岗助贷',
  '就业补助资金',
  '失业保险',
  '失业保险金',
  '以工代赈',
  // Programmes, services and venues.
  '就业见习',
  '公益性岗位',
  '零工市场',
  '零工驿站',
  '家门口就业',
  '职业技能培训',
  '职业技能等级认定',
  '创业培训',
  '新型学徒',
  '共享用工',
  '直播带岗',
  '帮扶车间',
  '劳务品牌',
  '劳务协作',
  '劳务派遣',
  '创业示范基地',
  '创业孵化基地',
  '创业园',
  '众创空间',
  '公共实训基地',
  '技能大师工作室',
  '首席技师',
  '技工院校',
  '公共就业服务',
  '人力资源服务',
  '人力资源市场',
  '失业登记',
  '就业登记',
  '集体协商',
  '根治欠薪',
  '职业伤害保障',
  '三支一扶',
  '西部计划',
  '特岗教师',
  '春风行动',
  '就业援助月',
  '百日千万',
  '返乡创业',
  '返乡入乡',
  '创业带动就业',
  // Target groups and kinds of employers.
  '高校毕业生',
  '离校未就业',
  '就业困难人员',
  '零就业家庭',
  '重点群体',
  '失业人员',
  '脱贫人口',
  '农村劳动力',
  '农民工',
  '农民工工资',
  '退役军人',
  '退役士兵',
  '技能人才',
  '灵活就业',
  '新就业形态',
  '网约车',
  '新业态',
  '个体工商户',
  '小微企业',
  '专精特新',
  // Measures named in targets and plans.
  '城镇新增就业',
  '城镇调查失业率',
  '高质量充分就业',
  // Offices, as the documents name them (牵头部门, 责任单位).
  '人社局',
  '人社厅',
  '人力资源和社会保障局',
  '财政局',
  '农业农村局',
  '乡村振兴局',
  '市场监管局',
  '医保局',
  '住建局',
  '发改委',
  '发改局',
  '卫健委',
  '国资委',
  '工信局',
  '总工会',
  '团市委',
  '残联',
  '妇联',
  '工商联',
])

/**
 * Short fingerprint of a word list (FNV-1a, 32 bit, hex). A segmenter's `name` carries it so an
 * index records which dictionary cut it, and a mismatch with the query side is visible.
 */
export function dictionaryId(words: readonly string[]): string {
  let hash = 0x811c9dc5
  const text = words.join('\n')
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193)
  }
  return (hash >>> 0).toString(16).padStart(8, '0')
}

/** {@link dictionaryId} of {@link policyTerms}, prefixed `policy-`. */
export const policyDictionaryId: string = `policy-${dictionaryId(policyTerms)}`
