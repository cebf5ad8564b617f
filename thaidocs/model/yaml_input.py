"""YAML read safely: no tags that run code, no duplicate keys, no alias bombs.

PyYAML's safe loader already refuses code tags. On top of it, while the file is composed:

- a mapping that names a key twice is refused (PyYAML keeps the last value silently);
- every node's size with its aliases expanded is counted once, so a few hundred bytes of
  nested anchors (``b: [*a, *a, ...]``) that expand to millions of values are refused before
  anything is built from them. Aliases may repeat at most :data:`MAX_ALIASED` values in all
  (sharing a signer or a list of stakeholders needs a few dozen).
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from thaidocs.model.bounds import MAX_DEPTH, MAX_NODES

#: the most values aliases may repeat, summed over every alias with its own aliases expanded
MAX_ALIASED = 20_000


class InputShapeError(yaml.YAMLError):
    """A well-formed YAML file that thaidocs refuses: duplicate keys, too many values."""

    def __init__(self, problem: str, mark: Any) -> None:
        super().__init__(problem)
        self.problem = problem
        self.problem_mark = mark


#: libyaml's parser and composer when PyYAML was built with it (ten times faster), else
#: PyYAML's own; the checks below run on the composed nodes either way
_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _refuse_deep(text: str) -> None:
    """Refuse nesting past MAX_DEPTH from the parser's events, before any node is composed:
    libyaml's composer recurses in C and would overflow the stack on a very deep file."""
    depth = 0
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise InputShapeError(f"nested more than {MAX_DEPTH} levels deep", event.start_mark)
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def _check_sizes(root: Node) -> None:
    """Each node's size with its aliases expanded, counted once per node (the composed graph
    shares aliased nodes), and duplicate keys; refused before anything is constructed."""
    sizes: dict[int, int] = {}
    claimed: set[int] = set()  # nodes already reached once: reaching them again is an alias
    aliased = 0
    stack: list[tuple[Node, bool]] = [(root, False)]
    on_path: set[int] = set()
    while stack:
        node, children_done = stack.pop()
        key = id(node)
        if key in sizes:
            continue
        children = _children(node)
        if not children_done:
            if key in on_path:
                raise InputShapeError("an anchor is used inside itself", node.start_mark)
            on_path.add(key)
            stack.append((node, True))
            stack.extend((child, False) for child in children if id(child) not in sizes)
            continue
        on_path.discard(key)
        if isinstance(node, MappingNode):
            _refuse_duplicates(node)
        size = 1
        for child in children:
            child_size = sizes.get(id(child), 1)
            if id(child) in claimed:
                aliased += child_size
                if aliased > MAX_ALIASED:
                    raise InputShapeError(
                        f"aliases repeat more than {MAX_ALIASED:,} values "
                        "(anchors and aliases repeated inside each other)",
                        child.start_mark,
                    )
            claimed.add(id(child))
            size += child_size
        if size > MAX_NODES:
            raise InputShapeError(
                f"the document expands to more than {MAX_NODES:,} values "
                "(anchors and aliases repeated inside each other)",
                node.start_mark,
            )
        sizes[key] = size


def _children(node: Node) -> list[Node]:
    if isinstance(node, SequenceNode):
        return list(node.value)
    if isinstance(node, MappingNode):
        return [part for pair in node.value for part in pair]
    return []


def _refuse_duplicates(node: MappingNode) -> None:
    seen: set[str] = set()
    for key, _ in node.value:
        if not isinstance(key, ScalarNode) or key.tag == "tag:yaml.org,2002:merge":
            continue
        if key.value in seen:
            raise InputShapeError(
                f"คีย์ {key.value!r} ซ้ำในระดับเดียวกัน ค่าหลังจะทับค่าแรก "
                f"(the key {key.value!r} appears twice; keep one)",
                key.start_mark,
            )
        seen.add(key.value)


def load_yaml(text: str) -> Any:
    """The value of one YAML document, read with the checks above."""
    _refuse_deep(text)
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        _check_sizes(node)
        return loader.construct_document(node)
    finally:
        loader.dispose()
