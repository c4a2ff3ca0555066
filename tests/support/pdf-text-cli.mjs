// Reads a PDF on stdin and prints its text per page as JSON. A child process, because unpdf loads PDF.js with a
// dynamic import that jest's module sandbox does not allow.
import { extractText, getDocumentProxy } from 'unpdf';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const document = await getDocumentProxy(new Uint8Array(Buffer.concat(chunks)));
const { text } = await extractText(document, { mergePages: false });
process.stdout.write(JSON.stringify(text));
