/** @module Every sentence the HTTP layer shows a user, in Simplified Chinese. */

/** Error messages, keyed by the error code the response body carries. */
export const errorMessages = {
  INVALID_INPUT: '请求参数不正确',
  INVALID_JSON: '请求内容不是有效的 JSON',
  BAD_REQUEST: '请求无法处理，请检查后重试',
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
