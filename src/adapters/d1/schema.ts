/** @module The D1 tables of the Workers deployment and the BM25+ query over them. */

/** The D1 schema. Column names are snake_case; `chunk_n` is `chunks.n`, the compact chunk key. */
export const SCHEMA_SQL = `-- Policy index for the Workers deployment, written by npm run export:cloudflare. Derived data: dropped and rebuilt by each export.
DROP TABLE IF EXISTS character_pairs;
DROP TABLE IF EXISTS term_stats;
DROP TABLE IF EXISTS field_stats;
DROP TABLE IF EXISTS chunk_lengths;
DROP TABLE IF EXISTS postings;
DROP TABLE IF EXISTS chunks;
DROP TABLE IF EXISTS clauses;
DROP TABLE IF EXISTS documents;
DROP TABLE IF EXISTS index_meta;

-- What was exported: index version, segmenter, embeddings, vector id scheme, BM25 parameters (JSON values).
CREATE TABLE index_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

-- One row per document; info is the index manifest's DocumentInfo as JSON.
CREATE TABLE documents (
  doc_key TEXT PRIMARY KEY,
  city TEXT NOT NULL,
  title TEXT NOT NULL,
  info TEXT NOT NULL
);

-- Citable units (CITATIONS.md), in index order.
CREATE TABLE clauses (
  doc_key TEXT NOT NULL,
  path TEXT NOT NULL,
  city TEXT NOT NULL,
  doc_title TEXT NOT NULL,
  kind TEXT NOT NULL,
  heading TEXT NOT NULL,
  text TEXT NOT NULL,
  start INTEGER NOT NULL,
  "end" INTEGER NOT NULL,
  lead TEXT,
  ordinal INTEGER NOT NULL,
  PRIMARY KEY (doc_key, path)
);

-- Retrievable pieces of clauses. n is the chunk's position in chunks.jsonl; vector_id its Vectorize id;
-- match_text its heading and text as normalizeForMatch leaves them, for "does the city mention X".
CREATE TABLE chunks (
  n INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  vector_id TEXT NOT NULL UNIQUE,
  doc_key TEXT NOT NULL,
  city TEXT NOT NULL,
  doc_title TEXT NOT NULL,
  path TEXT NOT NULL,
  kind TEXT NOT NULL,
  breadcrumb TEXT NOT NULL,
  heading TEXT NOT NULL,
  text TEXT NOT NULL,
  match_text TEXT NOT NULL
);
CREATE INDEX chunks_by_doc ON chunks (doc_key);
CREATE INDEX chunks_by_unit ON chunks (doc_key, path);
CREATE INDEX chunks_by_city ON chunks (city);

-- BM25: term frequency of each pre-segmented term per chunk and field (text, heading, title).
CREATE TABLE postings (
  term TEXT NOT NULL,
  field TEXT NOT NULL,
  chunk_n INTEGER NOT NULL,
  tf INTEGER NOT NULL,
  PRIMARY KEY (term, field, chunk_n)
) WITHOUT ROWID;

-- BM25: number of terms of each chunk per field (fields a chunk lacks have no row).
CREATE TABLE chunk_lengths (
  chunk_n INTEGER NOT NULL,
  field TEXT NOT NULL,
  length INTEGER NOT NULL,
  PRIMARY KEY (chunk_n, field)
) WITHOUT ROWID;

-- BM25: per field, its boost, the number of chunks (all of them, as ClauseIndex counts) and term totals.
CREATE TABLE field_stats (
  field TEXT PRIMARY KEY,
  boost REAL NOT NULL,
  doc_count INTEGER NOT NULL,
  total_length INTEGER NOT NULL,
  avg_length REAL NOT NULL
);

-- BM25: chunks containing each term per field, and its idf = ln(1 + (N − df + 0.5) / (df + 0.5)).
CREATE TABLE term_stats (
  term TEXT NOT NULL,
  field TEXT NOT NULL,
  df INTEGER NOT NULL,
  idf REAL NOT NULL,
  PRIMARY KEY (term, field)
) WITHOUT ROWID;

-- The character pairs of every chunk's match_text (a Bloom filter, in base64 parts read in order):
-- a word with a pair none has is in no chunk, known without scanning match_text.
CREATE TABLE character_pairs (
  part INTEGER PRIMARY KEY,
  bits TEXT NOT NULL
);
`

/**
 * BM25+ over the D1 tables, as `ClauseIndex.search` scores: per field,
 * `boost × weight × idf × (delta + tf·(k1+1) / (tf + k1·(1 − b + b·len/avgLen)))`, summed; best
 * first, ties in index order. Parameters: ?1 JSON `[{"term":…,"weight":…},…]` (a term listed twice
 * counts with the sum of its weights), ?2 k1, ?3 b, ?4 delta (index_meta `bm25`), ?5 limit, ?6
 * JSON array of cities to keep (`[]`: all; scores stay corpus-wide, as ClauseIndex's filter).
 * `matched` is the JSON array of the query terms found, in no particular order.
 */
export const BM25_SQL = `WITH q(term, weight) AS (
  SELECT json_extract(value, '$.term'), SUM(json_extract(value, '$.weight'))
  FROM json_each(?1) GROUP BY 1
)
SELECT c.id AS id, SUM(
  fs.boost * q.weight * ts.idf *
  (?4 + (p.tf * (?2 + 1.0)) / (p.tf + ?2 * (1.0 - ?3 + ?3 * l.length / fs.avg_length)))
) AS score, json_group_array(DISTINCT q.term) AS matched
FROM q
JOIN postings p ON p.term = q.term
JOIN term_stats ts ON ts.term = p.term AND ts.field = p.field
JOIN chunk_lengths l ON l.chunk_n = p.chunk_n AND l.field = p.field
JOIN field_stats fs ON fs.field = p.field
JOIN chunks c ON c.n = p.chunk_n
WHERE fs.boost > 0 AND q.weight > 0
  AND (json_array_length(?6) = 0 OR c.city IN (SELECT value FROM json_each(?6)))
GROUP BY p.chunk_n
ORDER BY score DESC, p.chunk_n ASC
LIMIT ?5`
