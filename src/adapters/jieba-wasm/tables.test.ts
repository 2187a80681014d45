import { describe, expect, it } from 'vitest'
import { GENERAL_IDF_CEILING } from './general-idf'
import { GENERAL_IDF_LINES } from './general-idf-table'
import { HMM_MODEL_LINES } from './hmm-model-table'
import { hmmModelLines, idfLinesBelow, readNodejiebaTables } from './tables.generate'

describe('generated tables', () => {
  const { idf, hmm } = readNodejiebaTables()

  it('should hold exactly the idf.utf8 lines below the ceiling of the installed nodejieba', () => {
    expect(GENERAL_IDF_LINES.split('\n')).toEqual(idfLinesBelow(idf, GENERAL_IDF_CEILING))
  })

  it("should hold the installed nodejieba's HMM model", () => {
    expect(HMM_MODEL_LINES.split('\n')).toEqual(hmmModelLines(hmm))
    expect(HMM_MODEL_LINES.split('\n')).toHaveLength(9)
  })
})
