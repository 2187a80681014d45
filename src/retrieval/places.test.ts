import { describe, expect, it } from 'vitest'
import { PlaceCatalog } from './places.js'

const catalog = new PlaceCatalog([
  { city: '常州市', subPlaces: ['溧阳市', '武进区', '金坛区'] },
  { city: '连云港市' },
  { city: '泾源县' },
])

describe('PlaceCatalog', () => {
  it('recognises a covered city by its full name and its stem', () => {
    expect(catalog.mentions('连云港市的扩岗补助').cities).toEqual(['连云港市'])
    expect(catalog.mentions('在泾源开了个厂子').cities).toEqual(['泾源县'])
  })

  it('maps a county or district named in a document to its city', () => {
    expect(catalog.mentions('武进区的创业补贴').cities).toEqual(['常州市'])
    expect(catalog.mentions('溧阳有什么政策').cities).toEqual(['常州市'])
  })

  it('reports places not on file, with and without a suffix', () => {
    expect(catalog.mentions('南京对企业有补贴吗').outside).toEqual(['南京'])
    expect(catalog.mentions('苏州市的零工市场').outside).toEqual(['苏州'])
    expect(catalog.mentions('海淀区的人才政策').outside).toEqual(['海淀区'])
  })

  it('does not take generic words for places', () => {
    expect(catalog.mentions('零工市场在哪里').outside).toEqual([])
    const m = catalog.mentions('本市城区和开发区的市场主体，全县社区工作者')
    expect(m.cities).toEqual([])
    expect(m.outside).toEqual([])
  })

  it('treats the province of covered cities as no other place when a city is named', () => {
    expect(catalog.mentions('江苏常州的就业目标').outside).toEqual([])
  })

  it('removes place names from the rest of the question', () => {
    expect(catalog.mentions('连云港市的扩岗补助').rest).toBe('的扩岗补助')
  })
})
