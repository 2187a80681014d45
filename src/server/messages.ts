/** @module Every sentence the HTTP layer shows a user, in Simplified Chinese. */

/** Error messages, keyed by the error code the response body carries. */
export const errorMessages = {
  INVALID_INPUT: '请求参数不正确',
  INVALID_JSON: '请求内容不是有效的 JSON',
  BAD_REQUEST: '请求无法处理，请检查后重试',
  FORBIDDEN: '请求未通过校验',
  NOT_FOUND: '未找到请求的地址',
  METHOD_NOT_ALLOWED: '不支持该请求方法',
  PAYLOAD_TOO_LARGE: '请求内容过大，请精简后重试',
  UNSUPPORTED_MEDIA_TYPE: '请求内容必须是 JSON（Content-Type: application/json）',
  INTERNAL_ERROR: '服务暂时不可用，请稍后再试',
  DOC_NOT_FOUND: '未找到该政策文件',
  CLAUSE_NOT_FOUND: '未找到该条款',
  INDEX_UNAVAILABLE: '政策库暂不可用，请稍后再试',
} as const

/** Messages for query and path parameters the shared schemas in src/schema do not cover. */
export const parameterMessages = {
  missing: (name: string) => `缺少参数 ${name}`,
  repeated: (name: string) => `参数 ${name} 只能出现一次`,
  empty: (name: string) => `参数 ${name} 不能为空`,
  tooLong: (name: string, max: number) => `参数 ${name} 不能超过 ${max} 个字符`,
} as const

/**
 * Fallbacks for zod issues whose schema gave no message of its own (zod's defaults are English).
 * `field` is the dotted path of the offending value, or empty for the body as a whole.
 */
export const validationMessages = {
  body: '请求内容必须是 JSON 对象',
  bodyName: '请求内容',
  invalidType: (field: string) => `${field} 的类型不正确`,
  tooBig: (field: string) => `${field} 超出允许的长度或范围`,
  tooSmall: (field: string) => `${field} 低于允许的长度或范围`,
  invalidValue: (field: string) => `${field} 的取值不正确`,
  unrecognizedKeys: (keys: string) => `不支持的字段：${keys}`,
  other: (field: string) => `${field} 不正确`,
} as const

/** Texts of the OpenAPI document and the Swagger UI page. */
export const docsMessages = {
  title: '就业创业政策问答 API',
  description:
    '离线的人社就业创业政策问答：回答附带出处（城市、文件、条款路径与原文），政策库未涉及时明确说明无法回答。',
  swaggerPageTitle: '就业创业政策问答 API 文档',
  noScript: '本页面需要启用 JavaScript。接口说明也可直接查看 /openapi.json。',
} as const

/** What the WeChat bot writes to a citizen (plain text: WeChat shows newlines, no markup). */
export const wechatMessages = {
  citationsHeading: '依据：',
  linkPrefix: '查看原文：',
  /** Ends an answer cut to fit one WeChat message. */
  truncated: '（篇幅所限，内容已截断）',
  welcome: (examples: readonly string[], cities: readonly string[]) =>
    [
      '您好！这里是就业创业政策问答，答复均注明出自哪个城市、哪份文件的哪一条。',
      '请直接发送文字问题，例如：',
      ...examples.map((q, i) => `${i + 1}. ${q}`),
      `目前收录的城市：${cities.join('、') || '暂无'}。`,
      '回复「帮助」查看用法，回复「城市列表」查看收录的文件。',
    ].join('\n'),
  help: (cities: readonly string[]) =>
    [
      '使用方法：直接发送文字问题，说明城市和事项，例如“常州对创业担保贷款有什么规定？”。',
      '可以接着追问，例如“那宜春呢？”“这个补贴到什么时候截止？”。',
      `目前收录的城市：${cities.join('、') || '暂无'}。`,
      '回复「城市列表」查看收录的文件。答复仅供参考，具体以当地人社部门解释为准，也可拨打12333咨询。',
    ].join('\n'),
  cityList: (entries: readonly { city: string; titles: readonly string[] }[]) =>
    ['目前收录的城市和文件：', ...entries.map((e) => `${e.city}：${e.titles.join('、')}`)].join('\n'),
  /** Example questions for the welcome; those naming a city on file are shown first. */
  exampleQuestions: [
    '连云港对招用高校毕业生的企业有什么补贴？',
    '常州市城镇调查失业率要控制在多少？',
    '泾源县对返乡创业有什么支持？',
    '扬州对灵活就业人员参加社保有什么规定？',
    '宜春对高校毕业生就业有什么支持？',
  ],
  /** Fills the welcome when fewer example questions name a city on file. */
  exampleFor: (city: string) => `${city}有哪些就业创业扶持政策？`,
  textOnly: '抱歉，目前只能理解文字消息。请用文字描述您的问题，例如“常州对创业担保贷款有什么规定？”。',
  emptyQuestion: '请发送您想咨询的就业创业政策问题。',
  questionTooLong: (max: number) => `问题过长，请精简到${max}个字以内后再发送。`,
  rateLimited: '提问过于频繁，请稍后再试。',
  /** The answer took longer than WeChat waits and cannot be pushed: the user fetches it. */
  stillWorking: '问题较复杂，正在查询。请稍后回复「继续」获取答复。',
  continueNone: '目前没有待取的答复，请直接发送您的问题。',
  failed: '服务暂时不可用，请稍后再试。',
} as const

/** Commands the WeChat bot understands, by the text a user sends. */
export const wechatCommands = {
  help: ['帮助', 'help', '?', '？'],
  cityList: ['城市列表', '城市', '文件列表'],
  continue: ['继续'],
} as const
