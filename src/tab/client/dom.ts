/**
 * Builds elements from data. Policy text and concern text only ever become text nodes, never
 * HTML, so nothing a person typed into a report can run in the DSL's tab.
 */
type Child = Node | string | null | undefined | false;

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string | undefined> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) if (value !== undefined) element.setAttribute(name, value);
  for (const child of children) if (child) element.append(child);
  return element;
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`page is missing #${id}`);
  return element as T;
}

/** Paragraphs and "- " bullet lists, as the importer keeps them in clause text. */
export function formattedText(text: string): Node[] {
  const nodes: Node[] = [];
  let list: HTMLUListElement | undefined;
  for (const line of text.split('\n')) {
    const bullet = /^\s*[-•]\s+(.*)$/.exec(line);
    if (bullet) {
      list ??= el('ul');
      list.append(el('li', {}, bullet[1]));
      continue;
    }
    if (list) nodes.push(list);
    list = undefined;
    if (line.trim()) nodes.push(el('p', {}, line.trim()));
  }
  if (list) nodes.push(list);
  return nodes;
}
