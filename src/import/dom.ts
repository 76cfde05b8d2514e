// The little of the DOM this reads (the project compiles without the DOM's types).
export interface DomNode {
  readonly nodeType: number;
  readonly textContent: string | null;
}
export interface DomElement extends DomNode {
  readonly tagName: string;
  readonly childNodes: Iterable<DomNode>;
  readonly children: Iterable<DomElement>;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): Iterable<DomElement>;
  getAttribute(name: string): string | null;
  readonly parentElement: DomElement | null;
  remove(): void;
  replaceWith(node: DomNode): void;
}
export interface DomDocument extends DomElement {
  readonly body: DomElement | null;
  readonly documentDomElement: DomElement;
  createTextNode(text: string): DomNode;
}
