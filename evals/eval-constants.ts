/** @module What evaluations and the bench share, without loading the evaluation's contenders. */
import { fileURLToPath } from 'node:url'

/** The seed documents, which every evaluation indexes. */
export const SEEDS_DIR = fileURLToPath(new URL('../seeds/', import.meta.url))

/** The day validity is judged against (YYYY-MM-DD): after the seeds' 2025 deadlines, before 2027's. */
export const EVAL_TODAY = '2026-11-23'
