/** @module ChatWorkersAi: a LangChain chat model over `env.AI.run` (Workers AI text generation). */
import type { AiOptions } from '@cloudflare/workers-types'
import type { CallbackManagerForLLMRun } from '@langchain/core/callbacks/manager'
import {
  BaseChatModel,
  type BaseChatModelCallOptions,
  type BaseChatModelParams,
} from '@langchain/core/language_models/chat_models'
import { AIMessage, AIMessageChunk, ChatMessage, type BaseMessage } from '@langchain/core/messages'
import { ChatGenerationChunk, type ChatResult } from '@langchain/core/outputs'
import type { WorkersAiBinding } from './index.js'

export type ChatWorkersAiOptions = BaseChatModelParams & {
  /** The `AI` binding (`env.AI`) or a REST binding. Required. */
  binding: WorkersAiBinding
  /**
   * A Chinese-capable text-generation model of the Workers AI catalog. Default
   * `@cf/qwen/qwen3-30b-a3b-fp8` (32k context, cheap); `@cf/zai-org/glm-4.7-flash` is the other
   * small one. The catalog changes: check `wrangler ai models` before pinning one.
   */
  model?: string
  /** Sampling temperature, 0–2. Default 0.1: answers quote rules, they should not vary. */
  temperature?: number
  /** Most tokens generated per answer. Default 1024: about 1,500 Chinese characters. */
  maxTokens?: number
  /**
   * Model-specific inputs added to every call, as the model's catalog page names them. Default
   * none.
   */
  extraInputs?: Record<string, unknown>
}

export const defaultChatWorkersAiOptions = {
  model: '@cf/qwen/qwen3-30b-a3b-fp8',
  temperature: 0.1,
  maxTokens: 1024,
  extraInputs: {},
} satisfies Partial<ChatWorkersAiOptions>

/** Reasoning a model may put inside its answer (Qwen3, QwQ): never shown to a user. */
const THINK_OPEN = '<think>'
const THINK_CLOSE = '</think>'

type WireMessage = { role: string; content: string }

/**
 * Workers AI answers chat in two shapes: `{ response }` (older models, and their SSE events)
 * and OpenAI's chat completion (`choices[0].message.content`, SSE `choices[0].delta.content`).
 */
type ChatOutput = {
  response?: unknown
  choices?: Array<{
    message?: { content?: unknown }
    delta?: { content?: unknown }
    text?: unknown
  }>
}

/**
 * A LangChain chat model that calls Workers AI through the `AI` binding, not the REST API
 * (LangChain's own Cloudflare classes need an account id and token, and default to an
 * English llama-2). Plain calls and streaming (`stream: true`, server-sent events); the caller's
 * `signal` aborts the call. No retries: the answerer falls back to its extractive answer at once.
 * `<think>…</think>` reasoning is dropped from the text.
 *
 * - `binding`: required. `model`: default `@cf/qwen/qwen3-30b-a3b-fp8`.
 * - `temperature`: default 0.1. `maxTokens`: default 1024. `extraInputs`: default none.
 *
 * @example
 * const model = new ChatWorkersAi({ binding: env.AI })
 * const answer = await model.invoke([['system', '只根据给出的条款回答。'], ['human', '稳岗返还怎么申请？']])
 */
export class ChatWorkersAi extends BaseChatModel<BaseChatModelCallOptions> {
  readonly model: string
  readonly temperature: number
  readonly maxTokens: number
  readonly extraInputs: Record<string, unknown>
  readonly #binding: WorkersAiBinding

  static override lc_name(): string {
    return 'ChatWorkersAi'
  }

  constructor(options: ChatWorkersAiOptions) {
    const { binding, model, temperature, maxTokens, extraInputs, ...params } = {
      ...defaultChatWorkersAiOptions,
      ...options,
    }
    super(params)
    if (typeof binding?.run !== 'function') {
      throw new Error(
        'workers-ai chat: a Workers AI binding is required, eg { binding: env.AI } ([ai] binding = "AI" in wrangler.toml)'
      )
    }
    if (typeof model !== 'string' || !model.startsWith('@')) {
      throw new Error(
        `workers-ai chat: model must be a Workers AI model name, got ${JSON.stringify(model)}, eg "${defaultChatWorkersAiOptions.model}"`
      )
    }
    if (!(Number.isFinite(temperature) && temperature >= 0 && temperature <= 2)) {
      throw new Error(`workers-ai chat: temperature must be in 0–2, got ${temperature}`)
    }
    if (!(Number.isInteger(maxTokens) && maxTokens >= 1)) {
      throw new Error(`workers-ai chat: maxTokens must be an integer ≥ 1, got ${maxTokens}`)
    }
    this.#binding = binding
    this.model = model
    this.temperature = temperature
    this.maxTokens = maxTokens
    this.extraInputs = extraInputs
  }

  _llmType(): string {
    return 'workers-ai'
  }

  async _generate(
    messages: BaseMessage[],
    options: this['ParsedCallOptions']
  ): Promise<ChatResult> {
    const output = (await this.#run(messages, options, false)) as ChatOutput | string
    const raw = typeof output === 'string' ? output : textOf(output, 'message')
    if (raw === undefined) {
      const keys =
        typeof output === 'object' && output ? Object.keys(output).join(', ') : typeof output
      throw new Error(`workers-ai chat: ${this.model} returned no text (got ${keys || 'nothing'})`)
    }
    const text = withoutReasoning(raw)
    return { generations: [{ text, message: new AIMessage(text) }] }
  }

  override async *_streamResponseChunks(
    messages: BaseMessage[],
    options: this['ParsedCallOptions'],
    runManager?: CallbackManagerForLLMRun
  ): AsyncGenerator<ChatGenerationChunk> {
    const stream = (await this.#run(messages, options, true)) as unknown
    if (!(stream instanceof ReadableStream)) {
      throw new Error(`workers-ai chat: ${this.model} did not return a stream for stream: true`)
    }
    const reasoning = new ReasoningFilter()
    let started = false
    const pieces = async function* (model: string) {
      for await (const data of serverSentData(stream as ReadableStream<Uint8Array>)) {
        if (data === '[DONE]') break
        let event: ChatOutput
        try {
          event = JSON.parse(data) as ChatOutput
        } catch (cause) {
          throw new Error(
            `workers-ai chat: ${model} sent an event that is not JSON: ${data.slice(0, 80)}`,
            { cause }
          )
        }
        yield reasoning.push(textOf(event, 'delta') ?? '')
      }
      yield reasoning.flush()
    }
    for await (const piece of pieces(this.model)) {
      // The answer starts at its first visible character, not at the newline after </think>.
      const text = started ? piece : piece.trimStart()
      if (text === '') continue
      started = true
      yield new ChatGenerationChunk({ text, message: new AIMessageChunk(text) })
      await runManager?.handleLLMNewToken(text)
    }
  }

  async #run(
    messages: BaseMessage[],
    options: this['ParsedCallOptions'],
    stream: boolean
  ): Promise<unknown> {
    const inputs = {
      ...this.extraInputs,
      messages: messages.map(toWireMessage),
      temperature: this.temperature,
      max_tokens: this.maxTokens,
      ...(stream ? { stream: true } : {}),
    }
    try {
      // The DOM and workers-types declare AbortSignal apart; at run time it is the same object.
      return await this.#binding.run(this.model, inputs, {
        signal: options.signal as AiOptions['signal'],
      })
    } catch (cause) {
      if (options.signal?.aborted) throw cause
      throw new Error(`workers-ai chat: ${this.model} failed: ${(cause as Error).message}`, {
        cause,
      })
    }
  }
}

function toWireMessage(message: BaseMessage): WireMessage {
  const type = message.getType()
  const role =
    type === 'human'
      ? 'user'
      : type === 'ai'
        ? 'assistant'
        : type === 'system'
          ? 'system'
          : ChatMessage.isInstance(message)
            ? message.role
            : undefined
  if (!role)
    throw new Error(
      `workers-ai chat: cannot send a "${type}" message; use system, human or ai messages`
    )
  const content =
    typeof message.content === 'string'
      ? message.content
      : message.content
          .map((part) =>
            typeof part === 'string' ? part : part.type === 'text' ? String(part.text) : ''
          )
          .join('')
  return { role, content }
}

function textOf(output: ChatOutput, part: 'message' | 'delta'): string | undefined {
  if (typeof output.response === 'string') return output.response
  const choice = output.choices?.[0]
  const content =
    part === 'message' ? choice?.message?.content : (choice?.delta?.content ?? choice?.text)
  return typeof content === 'string' ? content : undefined
}

function withoutReasoning(text: string): string {
  const filter = new ReasoningFilter()
  return (filter.push(text) + filter.flush()).trim()
}

/**
 * Drops `<think>…</think>` from text that arrives in pieces. A piece that ends with the start of
 * a tag is held back until the next piece says whether the tag is complete.
 */
class ReasoningFilter {
  #inside = false
  #pending = ''

  push(piece: string): string {
    let text = this.#pending + piece
    this.#pending = ''
    let out = ''
    while (text !== '') {
      const tag = this.#inside ? THINK_CLOSE : THINK_OPEN
      const at = text.indexOf(tag)
      if (at >= 0) {
        if (!this.#inside) out += text.slice(0, at)
        text = text.slice(at + tag.length)
        this.#inside = !this.#inside
        continue
      }
      const keep = partialTagSuffix(text, tag)
      if (!this.#inside) out += text.slice(0, text.length - keep)
      this.#pending = text.slice(text.length - keep)
      break
    }
    return out
  }

  flush(): string {
    const rest = this.#inside ? '' : this.#pending
    this.#pending = ''
    return rest
  }
}

/** Length of the longest suffix of `text` that is a proper prefix of `tag`. */
function partialTagSuffix(text: string, tag: string): number {
  for (let length = Math.min(tag.length - 1, text.length); length > 0; length--) {
    if (text.endsWith(tag.slice(0, length))) return length
  }
  return 0
}

/** The `data:` payloads of a server-sent-event stream, one per event. */
async function* serverSentData(stream: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  const reader = stream.getReader()
  const decoder = new TextDecoder()
  let buffer = ''
  try {
    for (;;) {
      const { done, value } = await reader.read()
      buffer += done ? decoder.decode() : decoder.decode(value, { stream: true })
      let end: number
      while ((end = buffer.search(/\r?\n\r?\n/)) >= 0) {
        const data = dataOf(buffer.slice(0, end))
        buffer = buffer.slice(end).replace(/^\r?\n\r?\n/, '')
        if (data !== '') yield data
      }
      if (done) break
    }
    const data = dataOf(buffer)
    if (data !== '') yield data
  } finally {
    reader.releaseLock()
  }
}

/** The joined `data:` lines of one event. */
function dataOf(event: string): string {
  return event
    .split(/\r?\n/)
    .filter((line) => line.startsWith('data:'))
    .map((line) => line.slice(5).replace(/^ /, ''))
    .join('\n')
}
