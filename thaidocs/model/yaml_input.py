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

from thaidocs.model.bounds import MAX_NODES

#: the most values aliases may repeat, summed over every alias with its own aliases expanded
MAX_ALIASED = 20_000


class InputShapeError(yaml.YAMLError):
    """A well-formed YAML file that thaidocs refuses: duplicate keys, too many values."""

    def __init__(self, problem: str, mark: yaml.Mark | None) -> None:
        super().__init__(problem)
        self.problem = problem
        self.problem_mark = mark


class _Loader(yaml.SafeLoader):
    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._sizes: dict[int, int] = {}
        self._aliased = 0

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        node = super().compose_node(parent, index)
        if node is None:
            return None
        key = id(node)
        if key in self._sizes:  # an alias: its size was counted where it was anchored
            self._aliased += self._sizes[key]
            if self._aliased > MAX_ALIASED:
                raise InputShapeError(
                    f"aliases repeat more than {MAX_ALIASED:,} values "
                    "(anchors and aliases repeated inside each other)",
                    node.start_mark,
                )
            return node
        size = 1
        if isinstance(node, SequenceNode):
            size += sum(self._sizes.get(id(item), 1) for item in node.value)
        elif isinstance(node, MappingNode):
            _refuse_duplicates(node)
            for k, v in node.value:
                size += self._sizes.get(id(k), 1) + self._sizes.get(id(v), 1)
        if size > MAX_NODES:
            raise InputShapeError(
                f"the document expands to more than {MAX_NODES:,} values "
                "(anchors and aliases repeated inside each other)",
                node.start_mark,
            )
        self._sizes[key] = size
        return node


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
    loader = _Loader(text)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()
