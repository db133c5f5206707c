import { useFocusWhenLost } from '../focus';

/**
 * The line that says what an action did ("saved", "cancelled", "deleted"), read out as a status.
 * The action's button was disabled while busy (or went away with what it acted on), which drops
 * the keyboard to the page: the line then takes it, so the next Tab starts where the person is.
 */
export function StatusLine({ text, className }: { text: string; className?: string }) {
  const said = useFocusWhenLost<HTMLParagraphElement>(text);
  return (
    <p
      className={className ? `sr-status ${className}` : 'sr-status'}
      role="status"
      ref={said}
      tabIndex={-1}
    >
      {text}
    </p>
  );
}
