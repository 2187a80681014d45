/** @module Validity badges of a citation: 现行 / 已到期 / 征求意见稿, always in words. */
import type { Citation } from '../schema/api.js'
import { widgetMessages } from './messages.js'

export type BadgeTone = 'current' | 'expired' | 'draft' | 'unknown'
export type ValidityBadge = { text: string; tone: BadgeTone }

const DRAFT = '征求意见稿'

/**
 * The badges to show for a citation: one for its status, plus 征求意见稿 when the document is a
 * draft but the status says something else (a draft's measure can also have expired).
 */
export function validityBadges(citation: Pick<Citation, 'status' | 'validity' | 'docTitle'>): ValidityBadge[] {
  const tone: BadgeTone = isTone(citation.status) ? citation.status : 'unknown'
  const badges: ValidityBadge[] = [{ text: widgetMessages.badges[tone], tone }]
  const draft = citation.validity.includes(DRAFT) || citation.docTitle.includes(DRAFT)
  if (draft && tone !== 'draft') badges.push({ text: widgetMessages.badges.draft, tone: 'draft' })
  return badges
}

function isTone(status: string): status is BadgeTone {
  return status === 'current' || status === 'expired' || status === 'draft' || status === 'unknown'
}
