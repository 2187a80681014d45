import { HumanMessage, SystemMessage, ToolMessage } from '@langchain/core/messages'
import { describe, expect, it } from 'vitest'
import { createFakeAi } from '../../../test/support/fake-cloudflare'
import type { WorkersAiBinding } from './index'
import { ChatWorkersAi } from './chat-model'

const question = [
  new SystemMessage('只根据给出的条款回答。'),
  new HumanMessage('稳岗返还怎么申请？'),
]
const REPLY = '符合条件的企业无需申请，由人社部门“免申即享”直接发放稳岗返还资金。'

describe('ChatWorkersAi', () => {
  describe('invoke', () => {
    it('should send the messages with the defaults and read a chat-completion answer (qwen3)', async () => {
      const ai = createFakeAi({ chatReply: REPLY })
      const answer = await new ChatWorkersAi({ binding: ai }).invoke(question)
      expect(answer.content).toBe(REPLY)
      expect(ai.calls[0]).toEqual({
        model: '@cf/qwen/qwen3-30b-a3b-fp8',
        inputs: {
          messages: [
            { role: 'system', content: '只根据给出的条款回答。' },
            { role: 'user', content: '稳岗返还怎么申请？' },
          ],
          temperature: 0.1,
          max_tokens: 1024,
        },
      })
    })

    it('should read the { response } answer of older models', async () => {
      const ai = createFakeAi({ chatReply: REPLY })
      const model = new ChatWorkersAi({ binding: ai, model: '@cf/meta/llama-3.1-8b-instruct' })
      expect((await model.invoke(question)).content).toBe(REPLY)
    })

    it('should drop <think> reasoning from the answer', async () => {
      const ai = createFakeAi({ chatReply: `<think>用户问稳岗返还……</think>\n\n${REPLY}` })
      expect((await new ChatWorkersAi({ binding: ai }).invoke(question)).content).toBe(REPLY)
    })

    it('should name the model when the call fails', async () => {
      const ai = createFakeAi()
      ai.failNext(new Error('AiError: 3040: Capacity temporarily exceeded'))
      await expect(new ChatWorkersAi({ binding: ai }).invoke(question)).rejects.toThrow(
        /workers-ai chat: @cf\/qwen\/qwen3-30b-a3b-fp8 failed: AiError: 3040/
      )
    })

    it('should refuse an answer without text', async () => {
      const binding = { run: async () => ({ usage: {} }) } as unknown as WorkersAiBinding
      await expect(new ChatWorkersAi({ binding }).invoke(question)).rejects.toThrow(
        /returned no text \(got usage\)/
      )
    })

    it('should refuse a message type Workers AI cannot take', async () => {
      const model = new ChatWorkersAi({ binding: createFakeAi() })
      await expect(
        model.invoke([new ToolMessage({ content: 'x', tool_call_id: '1' })])
      ).rejects.toThrow(/cannot send a "tool" message/)
    })
  })

  describe('stream', () => {
    it.each(['@cf/qwen/qwen3-30b-a3b-fp8', '@cf/meta/llama-3.1-8b-instruct'])(
      'should yield the answer piece by piece from the SSE stream of %s',
      async (name) => {
        const ai = createFakeAi({ chatReply: REPLY, streamChunkSize: 3 })
        const pieces: string[] = []
        for await (const chunk of await new ChatWorkersAi({ binding: ai, model: name }).stream(
          question
        ))
          pieces.push(String(chunk.content))
        expect(pieces.length).toBeGreaterThan(5)
        expect(pieces.join('')).toBe(REPLY)
        expect(ai.calls[0].inputs.stream).toBe(true)
      }
    )

    it('should hold back reasoning even when its tags are split across events', async () => {
      const ai = createFakeAi({
        chatReply: `<think>先想一想</think>\n${REPLY}`,
        streamChunkSize: 2,
      })
      const pieces: string[] = []
      for await (const chunk of await new ChatWorkersAi({ binding: ai }).stream(question))
        pieces.push(String(chunk.content))
      expect(pieces.join('')).toBe(REPLY)
    })
  })

  describe('constructor', () => {
    it('should refuse a missing binding or a bad option with a fix-it message', () => {
      expect(() => new ChatWorkersAi({} as never)).toThrow(/eg \{ binding: env\.AI \}/)
      expect(() => new ChatWorkersAi({ binding: createFakeAi(), model: 'qwen-plus' })).toThrow(
        /eg "@cf\/qwen\/qwen3-30b-a3b-fp8"/
      )
      expect(() => new ChatWorkersAi({ binding: createFakeAi(), temperature: 3 })).toThrow(
        /temperature must be in 0–2, got 3/
      )
    })
  })
})
