import { Text } from '@tarojs/components';
import { highlightSegments } from '../services/highlight';
import '../suggestions.css';

/**
 * A member's text with the filter's hits marked. React renders every piece as text, so HTML or script in a
 * suggestion shows as the characters the member typed and never runs.
 */
export function HighlightedText({ text, hits = [], title = false }: { text: string; hits?: ReadonlyArray<{ start: number; end: number }>; title?: boolean }) {
  return (
    <Text className={title ? 'sugg-text sugg-text--title' : 'sugg-text'}>
      {highlightSegments(text, hits).map((segment, index) =>
        segment.hit ? (
          <Text key={index} className='sugg-hit'>
            {segment.text}
          </Text>
        ) : (
          segment.text
        ),
      )}
    </Text>
  );
}
