/** saxon-js ships no type declarations; test/support/facturx-validate.ts types the calls it makes. */
declare module 'saxon-js' {
  const SaxonJS: unknown;
  export default SaxonJS;
}
