import { describe, expect, it } from 'vitest'
import { CONVERSATION_ID } from '../../schema/conversation.js'
import { conversationKey } from './conversation-key.js'

describe('conversationKey', () => {
  it('maps an OpenID to the same well-formed id every time', async () => {
    const keyOf = conversationKey('token-1')
    const id = await keyOf('o9AgO5Kd5ggOC-bXrbNODIiE3bGY')
    expect(id).toMatch(CONVERSATION_ID)
    expect(id).toMatch(/^wx-/)
    expect(await keyOf('o9AgO5Kd5ggOC-bXrbNODIiE3bGY')).toBe(id)
  })

  it('differs by OpenID and by secret, so it cannot be computed from the OpenID alone', async () => {
    const a = await conversationKey('token-1')('oUserA')
    expect(await conversationKey('token-1')('oUserB')).not.toBe(a)
    expect(await conversationKey('token-2')('oUserA')).not.toBe(a)
  })
})
