// Validates RDF files (Turtle or JSON-LD, by extension) against a SHACL shapes file with
// rdf-validate-shacl. Usage: node validate.mjs SHAPES.ttl DATA... — prints one line per
// violation and exits 1 if any file does not conform.
import rdf from '@zazuko/env-node'
import SHACLValidator from 'rdf-validate-shacl'

const [shapesPath, ...dataPaths] = process.argv.slice(2)
const shapes = await rdf.dataset().import(rdf.fromFile(shapesPath))
let ok = true
for (const path of dataPaths) {
  const data = await rdf.dataset().import(rdf.fromFile(path))
  const report = await new SHACLValidator(shapes, { factory: rdf }).validate(data)
  console.log(`${path}: ${data.size} triples, conforms: ${report.conforms}`)
  for (const r of report.results) {
    ok = false
    console.log(`  ${r.focusNode?.value} ${r.path?.value ?? ''}: ${r.message.map(m => m.value).join('; ')}`)
  }
  if (!report.conforms) ok = false
}
process.exit(ok ? 0 : 1)
