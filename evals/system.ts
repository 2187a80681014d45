/** @module The system as a contender: the same QaEngine calls the HTTP routes make. */
import type { QaEngine } from '../src/answer/qa-engine.js'
import type { ChatResponse, SearchResult } from '../src/schema/api.js'
import type { Contender, ContenderAnswer } from './contender.js'
import type { CitedUnit } from './metrics.js'
import type { EvalQuestion } from './questions.js'

/** The units of search results, as the eval scores them. */
const units = (results: SearchResult[]): CitedUnit[] => results.map(({ docKey, path, city }) => ({ docKey, path, city }))

/** The fields of a chat response the eval scores. */
const scored = (response: ChatResponse): ContenderAnswer => ({
  answer: response.answer,
  citations: response.citations.map(({ city, docKey, path }) => ({ city, docKey, path })),
  abstained: response.abstained,
})

/**
 * Wraps the engine the HTTP service serves: `search` is what `/api/search` calls and `answer`
 * what `/api/chat` calls, with the question's history and its id as the conversation id.
 *
 * @example
 * const system = createSystemContender(new QaEngine(index, createJiebaSegmenter(), { clock }))
 * const { answer, citations } = await system.answer(question)
 */
export function createSystemContender(engine: QaEngine): Contender {
  return {
    name: 'system',
    search: async function systemSearch(question, k) {
      return units(await engine.search({ query: question.question, history: question.history, k }))
    },
    answer: async function systemAnswer(question) {
      return scored(
        await engine.chat({ question: question.question, history: question.history, conversationId: question.id })
      )
    },
  }
}

/**
 * The system as a WeChat user or the widget meets it: no `history` in any request. The earlier
 * user turns of a question are asked first, one `/api/chat` call each, in a new conversation;
 * the question then goes out with only the `conversationId`. So the assistant turns the
 * follow-up resolves against are the engine's own answers, not the question file's.
 */
export function createMemoryContender(engine: QaEngine): Contender {
  /** Replays the earlier user turns; returns the conversation id to ask the question in. */
  async function replay(question: EvalQuestion): Promise<string | undefined> {
    let conversationId: string | undefined
    for (const turn of question.history ?? []) {
      if (turn.role !== 'user') continue
      conversationId = (await engine.chat({ question: turn.content, conversationId })).conversationId
    }
    return conversationId
  }
  return {
    name: 'conversationId',
    search: async function memorySearch(question, k) {
      const conversationId = await replay(question)
      return units(await engine.search({ query: question.question, conversationId, k }))
    },
    answer: async function memoryAnswer(question) {
      const conversationId = await replay(question)
      return scored(await engine.chat({ question: question.question, conversationId }))
    },
  }
}
