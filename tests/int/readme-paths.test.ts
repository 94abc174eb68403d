import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

/**
 * The READMEs are the map a newcomer reads first: every file or folder they name must exist.
 * A name is checked when it is written in backticks as a path from the project root
 * (`src/errors/codes.ts`, `plugins/meta/`), or from the README's own folder, or as a bare file
 * name (`window.ts`: some tracked file has that name). Patterns (`*`, `<slug>`) are not paths.
 */
const root = process.cwd()
const tracked = execFileSync('git', ['ls-files'], { cwd: root, encoding: 'utf8' }).trim().split('\n')
const readmes = tracked.filter((file) => /(^|\/)README\.md$/.test(file))
const basenames = new Set(tracked.map((file) => path.basename(file)))
const ROOTS = /^(src|collections|access|hooks|plugins|migrations|tests|bench|patches|\.ci)\//
const FILE = /^[A-Za-z0-9_.()[\]-]+\.(ts|tsx|mjs|js|sql)$/

function namedPaths(readme: string): string[] {
  const text = readFileSync(path.join(root, readme), 'utf8')
  return [...text.matchAll(/`([^`\s]+)`/g)].map(([, raw]) => raw.replace(/[#:].*$/, '').replace(/\/$/, '')).filter((name) => !/[*<>{}]/.test(name) && (ROOTS.test(name) || FILE.test(name) || name.includes('/')))
}

const exists = (readme: string, name: string) => existsSync(path.join(root, name)) || existsSync(path.join(root, path.dirname(readme), name)) || (FILE.test(name) && basenames.has(name))

describe('paths named in the READMEs', () => {
  it.each(readmes)('%s names only files and folders that exist', (readme) => {
    // A path from the README's own folder counts when its first folder is there (`send/window.ts`
    // beside plugins/meta/README.md); URLs (`/api/…`) and machine paths (`/usr/bin/…`) start with `/`.
    const local = (name: string) => path.dirname(readme) !== '.' && !name.startsWith('/') && existsSync(path.join(root, path.dirname(readme), name.split('/')[0]))
    const named = namedPaths(readme).filter((name) => ROOTS.test(name) || FILE.test(name) || local(name))
    expect(named.filter((name) => !exists(readme, name))).toEqual([])
  })
})
