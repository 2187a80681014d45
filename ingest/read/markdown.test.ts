import { describe, expect, it } from 'vitest'
import { readMarkdown } from './markdown.js'

describe('readMarkdown', () => {
  it('drops Markdown syntax and keeps the outline markers people type', () => {
    const md = ['# 某市稳岗措施', '', '## 一、稳定岗位', '', '**1.稳岗返还。** 按规定返还[失业保险费](https://example.gov.cn)。', '> 注：以实际为准。'].join('\n')
    expect(readMarkdown(md).split('\n')).toEqual(['某市稳岗措施', '', '一、稳定岗位', '', '1.稳岗返还。 按规定返还失业保险费。', '注：以实际为准。'])
  })

  it('writes a pipe table as tab-led cells, a blank line after each row and the table', () => {
    const md = ['附件', '| 序号 | 项目 |', '|---|:--:|', '| 1 | 就业补贴 |', '', '本措施自印发之日起施行。'].join('\n')
    expect(readMarkdown(md).split('\n')).toEqual(['附件', '\t序号', '\t项目', '', '\t1', '\t就业补贴', '', '', '', '本措施自印发之日起施行。'])
  })
})
