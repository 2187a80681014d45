/** @module The validity badge of a document or citation, as the pages show it. */
import type { ValidityStatus } from '../../schema/api.js'
import { pageMessages } from '../messages.js'

/** Badge text and CSS tone for a status; unknown strings read as 效力待确认. */
export function validityBadge(status: ValidityStatus | string): { text: string; tone: ValidityStatus } {
  const tone: ValidityStatus =
    status === 'current' || status === 'expired' || status === 'draft' ? status : 'unknown'
  return { text: pageMessages.badges[tone], tone }
}
