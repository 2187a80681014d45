/** @module Every sentence the HTTP layer shows a user, in Simplified Chinese. */
import { listed } from '../answer/messages.js'

/** Error messages, keyed by the error code the response body carries. */
export const errorMessages = {
  INVALID_INPUT: '请求参数不正确',
  INVALID_JSON: '请求内容不是有效的 JSON',
  BAD_REQUEST: '请求无法处理，请检查后重试',
  UNAUTHORIZED: '未授权：请提供有效的管理令牌',
  FORBIDDEN: '请求未通过校验',
  NOT_FOUND: '未找到请求的地址',
  METHOD_NOT_ALLOWED: '不支持该请求方法',
  PAYLOAD_TOO_LARGE: '请求内容过大，请精简后重试',
  UNSUPPORTED_MEDIA_TYPE: '请求内容必须是 JSON（Content-Type: application/json）',
  INTERNAL_ERROR: '服务暂时不可用，请稍后再试',
  REINDEX_RUNNING: '索引正在重建，请等当前重建完成后再试',
  REINDEX_FAILED: '重建索引失败，文件未作改动，原索引继续服务。请联系管理员查看日志',
  DOC_KEY_TAKEN: '该文件标识属于配置目录中的文件，不能通过接口替换或删除；上传新文件请另取 docKey',
  DOCUMENT_REFUSED: '文件未收录',
  UNSUPPORTED_DOCUMENT: '文件格式无法读取',
  RATE_LIMITED: '提问过于频繁，请稍后再试',
  OVERLOADED: '当前咨询人数较多，请稍后再试',
  TIMEOUT: '处理超时，请稍后再试',
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
      `目前收录的城市：${listed(cities, '个地区') || '暂无'}。`,
      '回复「帮助」查看用法，回复「城市列表」查看收录的文件。',
    ].join('\n'),
  help: (cities: readonly string[]) =>
    [
      '使用方法：直接发送文字问题，说明城市和事项，例如“常州对创业担保贷款有什么规定？”。',
      '可以接着追问，例如“那宜春呢？”“这个补贴到什么时候截止？”。',
      `目前收录的城市：${listed(cities, '个地区') || '暂无'}。`,
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

/** The HTML pages: the document view (/doc/:docKey) and the demo portal (/). */
export const pageMessages = {
  /** Validity badges, by status; the same words as the widget's. */
  badges: { current: '现行', expired: '已到期', draft: '征求意见稿', unknown: '效力待确认' },
  skipToContent: '跳到正文',
  serviceName: '就业创业政策问答',
  docPageSuffix: '政策原文',
  docTitle: (title: string) => `${title} - 政策原文`,
  issuedBy: '发文机关：',
  issuedOn: '发布时间：',
  validFrom: '施行日期：',
  validTo: '有效期至：',
  validity: '效力：',
  contents: '目录',
  targetHint: '从回答或微信中的链接进入时，所引用的条款以黄色底色和边框标出。',
  citedClause: '所引用的条款',
  linkToUnit: (label: string) => `本条链接：${label}`,
  footer: '本页为政策文件原文的整理版，仅供参考，请以发文机关正式公布的文本为准。如需人工服务请拨打 12333。',
  docNotFound: '未找到该政策文件',
  docNotFoundHint: '链接可能有误，或文件已从政策库中移除。',
  /** The demo portal page around the widget. */
  demo: {
    pageTitle: '示范市人力资源和社会保障局 — 政策咨询（演示页面）',
    bureau: '示范市人力资源和社会保障局',
    bureauEn: 'Human Resources and Social Security Bureau (Demo)',
    demoNotice: '演示页面：本页模拟人社部门门户网站，右下角「政策咨询」即嵌入的智能问答组件（一个 script 标签）。',
    nav: ['首页', '政务公开', '政策法规', '办事服务', '就业创业', '社会保障', '互动交流'],
    askMenu: '智能问答',
    widgetTitle: '人社政策智能咨询',
    elderMode: '长者模式',
    accessible: '无障碍浏览',
    searchPlaceholder: '请输入关键词',
    search: '搜索',
    searchLabel: '站内搜索',
    mainNav: '主导航',
    noScript: '本页的智能问答需要启用 JavaScript；您也可以拨打 12333 咨询。',
    bannerTitle: '就业创业政策 一问即答',
    bannerText: '点击右下角「政策咨询」，用一句话描述您的问题，回答会注明出自哪个城市、哪份文件的哪一条。',
    bannerButton: '立即咨询',
    noticesHeading: '通知公告',
    docsHeading: '政策文件（政策库已收录）',
    servicesHeading: '办事服务',
    hotline: '服务热线：12333',
    footerHost: '主办单位：示范市人力资源和社会保障局（演示）',
    footerNote: '本站为演示站点，新闻与办事入口均为示例内容。',
  },
} as const

/** Why an uploaded document was refused (POST /api/admin/documents), naming the file as uploaded. */
export const documentMessages = {
  empty: (file: string) => `文件“${file}”是空的，未收录。`,
  tooLarge: (maxMb: number) => `文件超过 ${maxMb} MB 上限，未收录。请拆分或压缩后再上传。`,
  unsupported: (file: string) =>
    `文件“${file}”的格式无法读取，未收录。支持 Word（.docx）、PDF（含文字层）、网页（.html）、纯文本（.txt，UTF-8 或 GBK）和 Markdown（.md）；旧版 .doc 请另存为 .docx。`,
  unreadable: (file: string) => `文件“${file}”已损坏或无法打开，未收录。请检查文件后重新上传。`,
  noText: (file: string) => `文件“${file}”中没有可读取的文字（可能是扫描件），未收录。请先做文字识别（OCR）或上传文字版。`,
  noUnits: (file: string) =>
    `文件“${file}”中没有找到可引用的条款（如“一、”“（一）”“1.”“第一条”等编号的内容），未收录。`,
  docKeyTaken: (docKey: string) => `文件标识 ${docKey} 属于配置目录中的文件，不能通过接口替换或删除；上传新文件请另取 docKey。`,
} as const
