/** @module sqlite-conversations: a ConversationStore in a SQLite file, so a restart loses no conversation. */
import { createRequire } from 'node:module'
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import type BetterSqlite3 from 'better-sqlite3'
import { StoredTurnSchema, type StoredTurn } from '../../schema/conversation.js'
import type { ConversationStore } from '../../answer/conversation-store.js'
import { defaultConversationLimits, type ConversationLimits } from '../../answer/memory-conversation-store.js'

const LOAD_ERROR =
  'sqlite-conversations: could not load better-sqlite3. Install it with `npm install better-sqlite3` (it builds with node-gyp).'

/**
 * Conversations in one SQLite file (WAL mode). The id is a bound parameter, never part of a path
 * or of the SQL text. Expired conversations are deleted on access and by a sweep on each append.
 */
export class SqliteConversationStore implements ConversationStore {
  readonly name = 'sqlite'
  readonly #db: BetterSqlite3.Database
  readonly #limits: ConversationLimits

  constructor(file: string, limits: Partial<ConversationLimits> = {}) {
    if (!file) throw new Error('sqlite-conversations: a database file is required, e.g. .data/conversations.db')
    this.#limits = { ...defaultConversationLimits, ...limits }
    const Database = loadDriver()
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true })
    this.#db = new Database(file)
    this.#db.pragma('journal_mode = WAL')
    this.#db.exec(`CREATE TABLE IF NOT EXISTS conversations (
      id TEXT PRIMARY KEY, turns TEXT NOT NULL, touched INTEGER NOT NULL)`)
    this.#db.exec('CREATE INDEX IF NOT EXISTS conversations_touched ON conversations (touched)')
  }

  async get(id: string): Promise<StoredTurn[] | undefined> {
    const row = this.#db.prepare('SELECT turns, touched FROM conversations WHERE id = ?').get(id) as
      | { turns: string; touched: number }
      | undefined
    if (!row) return undefined
    if (this.#limits.now() - row.touched > this.#limits.ttlMs) {
      this.#db.prepare('DELETE FROM conversations WHERE id = ?').run(id)
      return undefined
    }
    const parsed = StoredTurnSchema.array().safeParse(JSON.parse(row.turns))
    return parsed.success ? parsed.data : undefined
  }

  async append(id: string, turns: StoredTurn[]): Promise<void> {
    const now = this.#limits.now()
    const previous = (await this.get(id)) ?? []
    const kept = [...previous, ...turns].slice(-this.#limits.maxTurns)
    this.#db
      .prepare('INSERT INTO conversations (id, turns, touched) VALUES (?, ?, ?) ON CONFLICT(id) DO UPDATE SET turns = excluded.turns, touched = excluded.touched')
      .run(id, JSON.stringify(kept), now)
    this.#db.prepare('DELETE FROM conversations WHERE touched < ?').run(now - this.#limits.ttlMs)
    const count = (this.#db.prepare('SELECT COUNT(*) AS n FROM conversations').get() as { n: number }).n
    if (count > this.#limits.maxConversations) {
      this.#db
        .prepare('DELETE FROM conversations WHERE id IN (SELECT id FROM conversations ORDER BY touched ASC LIMIT ?)')
        .run(count - this.#limits.maxConversations)
    }
  }

  close(): void {
    this.#db.close()
  }
}

function loadDriver(): typeof BetterSqlite3 {
  try {
    return createRequire(import.meta.url)('better-sqlite3') as typeof BetterSqlite3
  } catch (cause) {
    throw new Error(LOAD_ERROR, { cause })
  }
}
