import { Text, View } from '@tarojs/components';
import { aria } from '../../components/a11y';

type Block = { kind: 'heading'; level: number; text: string } | { kind: 'item'; ordered: boolean; marker: string; text: string } | { kind: 'paragraph'; text: string };

/**
 * The Markdown of course chapters as blocks: headings, bulleted and numbered items, paragraphs. Rendered as
 * plain components (no HTML is injected), so an admin's text can never carry script into the app.
 */
export function markdownBlocks(markdown: string): Block[] {
  const blocks: Block[] = [];
  let paragraph: string[] = [];
  const endParagraph = () => {
    if (paragraph.length > 0) blocks.push({ kind: 'paragraph', text: paragraph.join('') });
    paragraph = [];
  };
  for (const raw of markdown.split('\n')) {
    const line = raw.trim();
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    const bullet = /^[-*+]\s+(.*)$/.exec(line);
    const numbered = /^(\d+)[.)]\s+(.*)$/.exec(line);
    if (heading) {
      endParagraph();
      blocks.push({ kind: 'heading', level: heading[1]!.length, text: plain(heading[2]!) });
    } else if (bullet) {
      endParagraph();
      blocks.push({ kind: 'item', ordered: false, marker: '•', text: plain(bullet[1]!) });
    } else if (numbered) {
      endParagraph();
      blocks.push({ kind: 'item', ordered: true, marker: `${numbered[1]}.`, text: plain(numbered[2]!) });
    } else if (line === '') endParagraph();
    else paragraph.push(plain(line));
  }
  endParagraph();
  return blocks;
}

/** Emphasis and code marks dropped: the text reads the same without them. */
const plain = (text: string) => text.replace(/\*\*(.+?)\*\*|__(.+?)__|`(.+?)`|\*(.+?)\*/g, (_m, a, b, c, d) => a ?? b ?? c ?? d);

export function MarkdownView({ markdown }: { markdown: string }) {
  return (
    <View className='markdown'>
      {markdownBlocks(markdown).map((block, index) =>
        block.kind === 'heading' ? (
          <Text key={index} className={`markdown__h markdown__h${Math.min(block.level, 3)}`} {...aria('heading', undefined, { 'aria-level': String(Math.min(block.level + 1, 6)) })}>
            {block.text}
          </Text>
        ) : block.kind === 'item' ? (
          <View key={index} className='markdown__item'>
            <Text className='markdown__marker'>{block.marker}</Text>
            <Text className='markdown__text'>{block.text}</Text>
          </View>
        ) : (
          <Text key={index} className='markdown__p'>
            {block.text}
          </Text>
        ),
      )}
    </View>
  );
}
