import { describe, expect, it } from 'vitest'
import { contrastRatio, MIN_CONTRAST, parseHexColor, readableTextOn } from './contrast.js'
import { defaultWidgetConfig } from './config.js'

describe('parseHexColor', () => {
  it('should read #rgb and #rrggbb and refuse anything else', () => {
    expect(parseHexColor('#b3261e')).toEqual([179, 38, 30])
    expect(parseHexColor('#fff')).toEqual([255, 255, 255])
    expect(parseHexColor('red')).toBeUndefined()
    expect(parseHexColor('#12345')).toBeUndefined()
    expect(parseHexColor('url(x)')).toBeUndefined()
  })
})

describe('contrastRatio', () => {
  it('should be 21 for black on white and 1 for a colour on itself', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5)
    expect(contrastRatio('#b3261e', '#b3261e')).toBeCloseTo(1, 5)
  })
})

describe('readableTextOn', () => {
  it('should keep white on the default 人社 red, at AA contrast', () => {
    expect(readableTextOn(defaultWidgetConfig.themeColor)).toBe('#ffffff')
    expect(contrastRatio('#ffffff', defaultWidgetConfig.themeColor)).toBeGreaterThanOrEqual(MIN_CONTRAST)
  })

  it('should reach AA contrast on any theme colour', () => {
    for (let v = 0; v < 256; v += 15) {
      for (const color of [`#${hex(v)}0000`, `#00${hex(v)}00`, `#0000${hex(v)}`, `#${hex(v)}${hex(v)}${hex(v)}`, `#ff${hex(v)}00`]) {
        expect(contrastRatio(readableTextOn(color), color), color).toBeGreaterThanOrEqual(MIN_CONTRAST)
      }
    }
  })
})

function hex(v: number) {
  return v.toString(16).padStart(2, '0')
}
