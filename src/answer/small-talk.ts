/** @module smallTalk: greetings, thanks and "who are you" get a friendly reply, not a refusal. */
import { messages } from './messages.js'

type SmallTalk = 'greeting' | 'thanks' | 'ack' | 'goodbye'

// Whole messages only: 「你好，常州的创业补贴是多少」 is a question and goes to retrieval.
const PATTERNS: [SmallTalk, RegExp][] = [
  ['greeting', /^(?:你好|您好|哈喽|嗨|hi|hello|在吗|在不在|有人吗|早上好|上午好|下午好|晚上好|你是谁|你是什么|你能做什么|你会什么|你能干什么|怎么用|能问什么)$/],
  ['thanks', /^(?:好的)?(?:谢谢|谢谢你|谢谢您|多谢|感谢|非常感谢|辛苦了)$/],
  ['ack', /^(?:好的|好|知道了|明白了|ok|嗯|收到)$/],
  ['goodbye', /^(?:再见|拜拜|bye|下次再问)$/],
]

/**
 * The reply to a message that is only a greeting, thanks or goodbye, or undefined for anything
 * else. `cities` are the places on file, named in the greeting so people know what to ask.
 */
export function smallTalkReply(question: string, cities: readonly string[]): string | undefined {
  const bare = question
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s,.!?;:~，。！？；：、…～啊呀呢哦吧]+/gu, '')
  if (!bare) return undefined
  const kind = PATTERNS.find(([, pattern]) => pattern.test(bare))?.[0]
  if (kind === 'greeting') return messages.greeting(cities)
  if (kind === 'thanks') return messages.thanks
  if (kind === 'ack') return messages.ack
  if (kind === 'goodbye') return messages.goodbye
  return undefined
}
