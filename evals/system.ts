/** @module The system as a contender: the same QaEngine calls the HTTP routes make. */
import type { QaEngine } from '../src/answer/qa-engine.js'
import type { Contender } from './contender.js'

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
      const results = await engine.search({
        query: question.question,
        history: question.history,
        k,
      })
      return results.map(({ docKey, path, city }) => ({ docKey, path, city }))
    },
    answer: async function systemAnswer(question) {
      const response = await engine.chat({
        question: question.question,
        history: question.history,
        conversationId: question.id,
      })
      return {
        answer: response.answer,
        citations: response.citations.map(({ city, docKey, path }) => ({ city, docKey, path })),
        abstained: response.abstained,
      }
    },
  }
}
