/**
 * A tree node that is also a choice (a database, the local-files connection): Enter selects it
 * and opens it; a click selects it and toggles it, except that the first click on a node not yet
 * selected opens it rather than closing it. The arrow keys and the disclosure toggle only open
 * and close (the tree view pattern, https://www.w3.org/WAI/ARIA/apg/patterns/treeview/).
 */
import { useState } from 'react';

export interface SelectableNode {
  expanded: boolean;
  onToggle(): void;
  onActivate(): void;
  onClick(): void;
}

export function useSelectableNode(options: { selected: boolean; onSelect(): void; initiallyOpen: boolean }): SelectableNode {
  const { selected, onSelect, initiallyOpen } = options;
  const [expanded, setExpanded] = useState(initiallyOpen);
  return {
    expanded,
    onToggle: () => setExpanded((o) => !o),
    onActivate: () => {
      onSelect();
      setExpanded(true);
    },
    onClick: () => {
      onSelect();
      setExpanded((o) => !o || !selected);
    },
  };
}
