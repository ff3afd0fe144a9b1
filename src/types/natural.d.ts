// natural's index pulls in database clients and dotenv (which prints to stdout);
// we import the two modules we use directly.
declare module 'natural/lib/natural/tokenizers/treebank_word_tokenizer' {
  export default class TreebankWordTokenizer {
    tokenize(text: string): string[];
  }
}
declare module 'natural/lib/natural/stemmers/porter_stemmer' {
  const PorterStemmer: { stem(word: string): string };
  export default PorterStemmer;
}
