import { describe, expect, it } from 'vitest'
import { Metrics } from './metrics.js'

const entry = { requestId: 'r', method: 'POST', route: '/api/chat', status: 200, latencyMs: 30 }

describe('Metrics', () => {
  describe('observe', () => {
    it('should count requests by method, route and status', () => {
      const metrics = new Metrics()
      metrics.observe(entry)
      metrics.observe(entry)
      metrics.observe({ ...entry, status: 429 })
      const text = metrics.render()
      expect(text).toContain('http_requests_total{method="POST",route="/api/chat",status="200"} 2')
      expect(text).toContain('http_requests_total{method="POST",route="/api/chat",status="429"} 1')
    })

    it('should put latency in cumulative histogram buckets, in seconds', () => {
      const metrics = new Metrics()
      metrics.observe(entry)
      metrics.observe({ ...entry, latencyMs: 3000 })
      const text = metrics.render()
      expect(text).toContain('http_request_duration_seconds_bucket{route="/api/chat",le="0.025"} 0')
      expect(text).toContain('http_request_duration_seconds_bucket{route="/api/chat",le="0.05"} 1')
      expect(text).toContain('http_request_duration_seconds_bucket{route="/api/chat",le="5"} 2')
      expect(text).toContain('http_request_duration_seconds_bucket{route="/api/chat",le="+Inf"} 2')
      expect(text).toContain('http_request_duration_seconds_count{route="/api/chat"} 2')
      expect(text).toContain('http_request_duration_seconds_sum{route="/api/chat"} 3.03')
    })

    it('should count answers by abstention', () => {
      const metrics = new Metrics()
      metrics.observe({ ...entry, abstained: true, citations: 0 })
      metrics.observe({ ...entry, abstained: false, citations: 2 })
      metrics.observe({ ...entry, abstained: false, citations: 1 })
      metrics.observe({ ...entry, route: '/healthz' })
      const text = metrics.render()
      expect(text).toContain('qa_answers_total{abstained="true"} 1')
      expect(text).toContain('qa_answers_total{abstained="false"} 2')
    })

    it('should count an unknown method as OTHER, so clients cannot add labels', () => {
      const metrics = new Metrics()
      metrics.observe({ ...entry, method: 'FOO' })
      expect(metrics.render()).toContain('method="OTHER"')
    })
  })

  describe('countModelFallback', () => {
    it('should count fallbacks by reason, every reason from zero', () => {
      const metrics = new Metrics()
      expect(metrics.render()).toContain('qa_model_fallbacks_total{reason="timeout"} 0')
      metrics.countModelFallback('error')
      metrics.countModelFallback('error')
      metrics.countModelFallback('ungrounded')
      const text = metrics.render()
      expect(text).toContain('qa_model_fallbacks_total{reason="error"} 2')
      expect(text).toContain('qa_model_fallbacks_total{reason="ungrounded"} 1')
      expect(text).toContain('qa_model_fallbacks_total{reason="circuit_open"} 0')
    })
  })

  describe('render', () => {
    it('should declare every family and escape label values', () => {
      const metrics = new Metrics()
      metrics.observe({ ...entry, route: '/a"b\\c' })
      const text = metrics.render({ indexVersion: '20260101-abc' })
      for (const family of ['http_requests_total', 'http_request_duration_seconds', 'qa_answers_total', 'qa_model_fallbacks_total', 'qa_index_info']) {
        expect(text).toContain(`# TYPE ${family} `)
      }
      expect(text).toContain('route="/a\\"b\\\\c"')
      expect(text).toContain('qa_index_info{index_version="20260101-abc"} 1')
      expect(text.endsWith('\n')).toBe(true)
    })
  })
})
