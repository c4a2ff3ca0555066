/** The segmenter's dictionary is shared (the assistant segments questions with the same one): see shared/text/jieba.ts. */
export { JIEBA_DICTIONARY_FILE, jiebaDictionary, segmentationLines } from '../../../shared/text/jieba';
