/** @module Text the answer layer shows people, in Simplified Chinese. */

export const messages = {
  validityCurrent: '现行有效',
  validityUnknown: '文件未载明有效期，请以发布机关最新规定为准',
  validityDraft: '征求意见稿，尚未正式施行，内容以正式印发的文件为准',
  validityMeasureRunsTo: (deadline: string) => `该措施执行至${deadline}`,
  validityMeasureEnded: (deadline: string) => `该措施执行至${deadline}，现已到期`,
  validityPlanRunsTo: (end: string) => `文件有效期至${end}`,
  validityPlanEnded: (end: string) => `文件规定的期限已于${end}结束，现行政策请以最新文件为准`,
  validitySuperseded: (title: string, date?: string) =>
    `该文件已被${date ? `${date}的` : ''}新版${inBookMarks(title)}取代，现行规定以新文件为准`,
  supersedesNote: (title: string, date?: string) =>
    `所引文件已取代此前的${inBookMarks(title)}${date ? `（${date}）` : ''}，以上按现行文件作答`,
  answerIntro: (city: string, title: string, label: string) => `根据${city}${title}${label}：`,
  compareIntro: '各地规定如下：',
  leadDepartment: (lead: string) => `牵头部门：${lead}。`,
  listIntro: (label: string) => `${label}包括：`,
  noteHeading: '提示：',
  amountNotStated: '以上条款未写明所问事项的具体数额，具体标准请咨询当地人社部门或拨打12333。',
  timeNotStated: '以上条款未写明具体期限，请以当地人社部门的解释为准。',
  abstainNoCoverage: '抱歉，现有政策文件中没有找到能回答这个问题的规定，为避免误导，暂不作答。',
  abstainOutside: (places: string) => `抱歉，目前没有收录${places}的政策文件，无法回答该地的问题，也不能用其他地区的规定代替。`,
  abstainMissing: (concepts: string) => `现有文件中没有涉及“${concepts}”的规定。`,
  onFile: (docs: readonly string[]) => `目前收录的文件有：${listed(docs, '份')}。`,
  whereToAsk: '如需进一步咨询，请联系当地人力资源和社会保障部门或拨打12333服务热线。',
  greeting: (cities: readonly string[]) =>
    `您好！我是就业创业政策问答助手，答复均注明出自哪个城市、哪份文件的哪一条。目前收录了${listed(cities, '个地区') || '暂无城市'}的政策文件。请直接提问，说明城市和事项，例如“${cities[0] ?? '常州'}对高校毕业生就业有什么支持？”。`,
  thanks: '不客气！还有其他就业创业政策问题，欢迎继续提问。',
  ack: '好的。还有其他就业创业政策问题，欢迎继续提问。',
  goodbye: '再见！如需人工咨询，请拨打12333服务热线。',
} as const

/**
 * Names listed in one reply, at most: a province's corpus has hundreds of cities and thousands of
 * documents, which would bury the reply (and be sent with every refusal).
 */
export const MAX_LISTED = 8

/** 「A、B、C」, or 「A、B…等N个地区」 past {@link MAX_LISTED}. */
export function listed(names: readonly string[], unit: string): string {
  if (names.length <= MAX_LISTED) return names.join('、')
  return `${names.slice(0, MAX_LISTED).join('、')}等${names.length}${unit}`
}

function inBookMarks(title: string): string {
  return title.startsWith('《') ? title : `《${title}》`
}
