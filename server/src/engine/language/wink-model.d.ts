// The model's irregular verb table (inflected form → lemma), WordNet's exceptions list as the model ships it.
declare module 'wink-eng-lite-web-model/dist/wn-verb-exceptions.js' {
  const exceptions: Record<string, string>;
  export default exceptions;
}
