/** @module Conversation turns as the server remembers them. */
import { z } from 'zod'

/** A turn of a conversation; an assistant turn keeps the units it cited, for 这个/该项 follow-ups. */
export const StoredTurnSchema = z.object({
  role: z.enum(['user', 'assistant']),
  content: z.string(),
  citations: z.array(z.object({ docKey: z.string(), path: z.string() })).optional(),
  /** Milliseconds since the epoch. */
  at: z.number(),
})
export type StoredTurn = z.infer<typeof StoredTurnSchema>

/** Conversation ids are random and unguessable: 22–64 URL-safe characters, never a path. */
export const CONVERSATION_ID = /^[A-Za-z0-9_-]{16,64}$/
