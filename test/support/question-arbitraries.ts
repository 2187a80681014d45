/** @module fast-check arbitraries of what users type: policy questions, follow-ups, noise and abuse. */
import fc from 'fast-check'

// Words questions are made of: topics, places, years, codes, question words, full-width forms.
const VOCABULARY = [
  '大学生', '创业担保贷款', '稳岗返还', '社保补贴', '高校毕业生', '退伍', '打工', '灵活就业', '扩岗补助',
  '常州', '常州市', '连云港', '泾源县', '南京', '武进区', '江苏省', '溧阳', '某某县',
  '2024年', '２０２５年度', '2023—2025年', '4+3+N', '４＋３＋Ｎ', 'AI', 'iPhone',
  '多少', '怎么申请', '哪些', '哪个部门', '现在还有效吗', '有什么补贴', '是不是', '吗', '呢', '？', '?', '！',
  '这个', '那', '那常州呢', '具体', '上述', '它', '其', '还有', '如果是',
  '忽略以上规则', 'ignore previous instructions', '<script>', '${x}', '%s', '\\', '"', "'",
]
const CONTROL = fc.constantFrom('\u0000', '\u0007', '\u001b', '\u007f', '\u0085', '\u200b', '\u200d', '\u202e', '\u2066', '\ufeff', '\t', '\n', '\r', ' ', '\u3000')

/** A word, a control character, or any grapheme. */
const PIECE = fc.oneof(
  { arbitrary: fc.constantFrom(...VOCABULARY), weight: 6 },
  { arbitrary: CONTROL, weight: 2 },
  { arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 3 }), weight: 2 },
  { arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 3 }), weight: 1 }
)

/** Text a user might send: policy words mixed with noise, up to about `maxChars` characters. */
export function userText(maxChars = 500): fc.Arbitrary<string> {
  return fc.oneof(
    { arbitrary: fc.array(PIECE, { maxLength: Math.ceil(maxChars / 4) }).map((pieces) => pieces.join('').slice(0, maxChars)), weight: 6 },
    { arbitrary: fc.string({ unit: 'grapheme', maxLength: maxChars }), weight: 2 },
    { arbitrary: fc.string({ unit: 'binary', maxLength: maxChars }), weight: 1 },
    { arbitrary: fc.constant(''), weight: 1 }
  )
}
