// Run by `npm install` (postinstall), after patch-package. The API answers every error as
// { error, message, errors: [{ path, message }] } (src/errors). Payload's admin form (in the
// minified client bundle of @payloadcms/ui, so not a patch-package diff: that would be 600 KB)
// toasts a top-level `message` and stops, and highlights only fields under `errors[].data.errors`.
// Two exact replacements make it highlight `errors[]` entries that have a `path` instead. Both
// strings are checked: a new @payloadcms/ui version that changed them fails the install loudly.
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'

const file = path.join(path.dirname(new URL(import.meta.url).pathname), '../node_modules/@payloadcms/ui/dist/exports/client/index.js')
const REPLACEMENTS = [
  ['An.message){Mo(An.message);return}', 'An.message&&!(Array.isArray(An.errors)&&An.errors.some(e=>e?.path)&&!An.errors.some(e=>e?.data))){Mo(An.message);return}'],
  ['return Pi?.message&&Qa.push(Pi),Array.isArray', 'return Pi?.path&&!Pi?.data?Jm.push(Pi):Pi?.message&&Qa.push(Pi),Array.isArray'],
]
let source = readFileSync(file, 'utf8')
let changed = false
for (const [from, to] of REPLACEMENTS) {
  if (source.includes(to)) continue
  if (source.split(from).length !== 2) {
    console.error(`patches/admin-form-field-errors.mjs: "${from}" is not in ${file} exactly once; @payloadcms/ui changed, update this patch.`)
    process.exit(1)
  }
  source = source.replace(from, to)
  changed = true
}
if (changed) writeFileSync(file, source)
console.log(`admin form field errors: ${changed ? 'patched' : 'already patched'} (${path.relative(process.cwd(), file)})`)
