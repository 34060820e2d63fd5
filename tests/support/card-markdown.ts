/**
 * The strings a card renders as Markdown: TextBlock text and FactSet titles and values (Teams
 * renders Markdown there; a TextRun inside a RichTextBlock shows its text literally).
 */
export function markdownShown(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(markdownShown);
  if (typeof node !== 'object' || node === null) return [];
  const element = node as Record<string, unknown>;
  const own =
    element.type === 'TextBlock' && typeof element.text === 'string'
      ? [element.text]
      : element.type === undefined && typeof element.title === 'string' && typeof element.value === 'string'
        ? [element.title, element.value] // a Fact
        : [];
  return [...own, ...Object.entries(element).filter(([key]) => key !== 'data').flatMap(([, value]) => markdownShown(value))];
}
