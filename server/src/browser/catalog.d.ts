// server/data/catalog.json deflated, as scripts/build.mjs bundles it into the browser worker.
declare module '*/catalog.json.deflate' {
  const bytes: Uint8Array;
  export default bytes;
}
