/** @module Conversation ids: keep a well-formed one the client sent, otherwise make a new one. */

/**
 * What a client-sent id must look like to be kept. 16 characters at least, so that ids a client
 * invents are not trivially guessable; the same alphabet as base64url and UUIDs.
 */
export const CONVERSATION_ID_PATTERN = /^[A-Za-z0-9_-]{16,64}$/

/** A new random id: a v4 UUID (122 random bits from the runtime's CSPRNG, Web Crypto). */
export function newConversationId(): string {
  return crypto.randomUUID()
}

/** `sent` when it matches {@link CONVERSATION_ID_PATTERN}, else `generate()`. */
export function resolveConversationId(
  sent: string | undefined,
  generate: () => string = newConversationId
): string {
  return sent !== undefined && CONVERSATION_ID_PATTERN.test(sent) ? sent : generate()
}
