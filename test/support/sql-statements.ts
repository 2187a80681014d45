/** @module Splits the SQL files of npm run export:cloudflare into statements and loads them into a D1 binding. */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { D1Database } from '@cloudflare/workers-types'

/** Statements of a SQL file: split at `;` outside single-quoted strings and `--` comments. */
export function statementsOf(sql: string): string[] {
  const statements: string[] = []
  let start = 0
  let quoted = false
  for (let i = 0; i < sql.length; i++) {
    if (!quoted && sql.startsWith('--', i))
      i = sql.indexOf('\n', i) === -1 ? sql.length : sql.indexOf('\n', i)
    else if (sql[i] === "'") quoted = !quoted
    else if (sql[i] === ';' && !quoted) {
      statements.push(sql.slice(start, i + 1).trim())
      start = i + 1
    }
  }
  return statements.filter((s) => s.replace(/^--.*$/gm, '').trim() !== '')
}

/**
 * Runs an export's schema.sql and data.sql against a D1 binding (the fake, or Miniflare's local
 * D1), as `wrangler d1 execute --file` does: statement by statement, in batches.
 */
export async function loadD1Export(db: Pick<D1Database, 'prepare' | 'batch'>, exportDir: string): Promise<void> {
  for (const file of ['schema.sql', 'data.sql']) {
    const statements = statementsOf(await readFile(join(exportDir, file), 'utf8'))
    for (let i = 0; i < statements.length; i += 50) {
      await db.batch(statements.slice(i, i + 50).map((sql) => db.prepare(sql)))
    }
  }
}
