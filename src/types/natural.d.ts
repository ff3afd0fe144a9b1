// natural's index pulls in database clients and dotenv (which prints to stdout),
// so we import the modules we use by path. Keep the `.js` ending: Node's ESM
// resolver needs it for a deep import into a package without an exports map.
declare module 'natural/lib/natural/tokenizers/treebank_word_tokenizer.js' {
  export default class TreebankWordTokenizer {
    tokenize(text: string): string[];
  }
}
declare module 'natural/lib/natural/stemmers/porter_stemmer.js' {
  const PorterStemmer: { stem(word: string): string };
  export default PorterStemmer;
}
