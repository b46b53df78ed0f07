"""Read feeds.yaml in one pass: the data, and the line of every key for error messages.

A newsroom's watchlist can hold 100,000 names, and every CLI call and worker start
reads the file. PyYAML's pure-Python loader needs over a minute for that and
holds a node object (with two position marks) per scalar, so this reads libyaml's
event stream once (``CSafeLoader`` where PyYAML was built with libyaml, as its
wheels are) and builds the data, the key-path -> line index and the duplicate-key
check from the same events, without a node tree.

Documents that use what the plain builder does not handle (anchors, aliases,
merge keys, explicit tags, keys that are not scalars) take the node-tree path,
still parsed once and with the same results.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from monitor.errors import ConfigError

# libyaml's loader where present (the PyYAML wheels have it), else the pure-Python one
LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

Path_ = tuple[str | int, ...]
_STR_TAG = "tag:yaml.org,2002:str"


@dataclass(frozen=True)
class YamlDocument:
    data: Any
    # 1-based line of every key path (mapping keys: the key's line; sequence items: the item's)
    lines: dict[Path_, int]


@contextmanager
def gc_paused() -> Iterator[None]:
    """Hold the cyclic garbage collector while a large file is read and validated.

    Building 100,000 actors allocates millions of objects, and every full collection
    walks all of them again: the collector made validating a 100,000-name watchlist six
    times slower. Nothing built here forms a cycle that needs collecting meanwhile;
    reference counting still frees what is dropped, and the collector's state is restored.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


class _NeedsNodeTree(Exception):
    """The document uses a YAML feature the event builder leaves to the node-tree path."""


def read_document(raw_text: str, config_path: Path) -> YamlDocument:
    """Parse ``raw_text``; refuse duplicate keys (naming the line). Raises yaml.YAMLError."""
    try:
        return _read(raw_text, config_path, LOADER)
    except yaml.YAMLError:
        if LOADER is yaml.SafeLoader:
            raise
        # a broken file: the error path can afford a second read, and the pure-Python parser
        # words its errors better ("found character '\t' that cannot start any token")
        return _from_node_tree(raw_text, config_path, yaml.SafeLoader)


def _read(raw_text: str, config_path: Path, loader_type: type[yaml.SafeLoader]) -> YamlDocument:
    loader = loader_type(raw_text)
    try:
        return _from_events(loader, config_path)
    except _NeedsNodeTree:
        pass
    finally:
        loader.dispose()
    return _from_node_tree(raw_text, config_path, loader_type)


def _duplicate(config_path: Path, line: int, key: str) -> ConfigError:
    # YAML lets a later key silently replace an earlier one (two ``feeds:`` sections): refuse it
    return ConfigError(f"{config_path}:{line}: {key}: duplicate key (it would replace the first)")


class _Frame:
    """A mapping or sequence being built, with where it sits in the document."""

    __slots__ = ("container", "key", "path", "raw_key", "seen")

    def __init__(self, container: dict[Any, Any] | list[Any], path: Path_) -> None:
        self.container = container
        self.path = path
        self.key: Any = None  # the constructed key waiting for its value (mappings)
        self.raw_key: str | None = None  # the key as written: line index and duplicate check
        self.seen: set[str] = set()


def _from_events(loader: Any, config_path: Path) -> YamlDocument:
    lines: dict[Path_, int] = {}
    stack: list[_Frame] = []
    root: Any = None
    have_root = False
    duplicate: ConfigError | None = None

    def place(value: Any, line: int) -> Path_ | None:
        """Put a finished value where it belongs; returns its path (None: it was a key)."""
        nonlocal root, have_root
        if not stack:
            root, have_root = value, True
            lines.setdefault((), line)
            return ()
        frame = stack[-1]
        container = frame.container
        if isinstance(container, list):
            path = (*frame.path, len(container))
            container.append(value)
            lines.setdefault(path, line)
            return path
        if frame.raw_key is None:
            raise AssertionError("a mapping value without a key")
        path = (*frame.path, frame.raw_key)
        container[frame.key] = value
        frame.raw_key = None
        return path

    def key_or_place(event: Any, value: Any) -> None:
        nonlocal duplicate
        line = event.start_mark.line + 1
        if stack and isinstance(stack[-1].container, dict) and stack[-1].raw_key is None:
            frame = stack[-1]
            raw = event.value
            if raw in frame.seen and duplicate is None:
                # raised once the whole stream parsed: a syntax error anywhere is reported first
                duplicate = _duplicate(config_path, line, raw)
            frame.seen.add(raw)
            frame.key, frame.raw_key = value, raw
            lines[(*frame.path, raw)] = line
            return
        place(value, line)

    while True:
        event = loader.get_event()
        kind = type(event)
        if kind is yaml.ScalarEvent:
            if event.anchor is not None or (event.tag is not None and event.tag != "!"):
                raise _NeedsNodeTree
            key_or_place(event, _scalar(loader, event))
        elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
            if event.anchor is not None or event.tag is not None:
                raise _NeedsNodeTree
            if stack and isinstance(stack[-1].container, dict) and stack[-1].raw_key is None:
                raise _NeedsNodeTree  # a mapping or sequence as a key
            line = event.start_mark.line + 1
            container: dict[Any, Any] | list[Any] = {} if kind is yaml.MappingStartEvent else []
            path = place(container, line)
            assert path is not None
            lines.setdefault(path, line)
            stack.append(_Frame(container, path))
        elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
            stack.pop()
        elif kind is yaml.AliasEvent:
            raise _NeedsNodeTree
        elif kind is yaml.DocumentStartEvent:
            if have_root:
                # a second document: let the node path raise the loader's own error
                raise _NeedsNodeTree
        elif kind is yaml.StreamEndEvent:
            break
        # StreamStart and DocumentEnd carry nothing
    if duplicate is not None:
        raise duplicate
    return YamlDocument(root, lines)


def _scalar(loader: Any, event: Any) -> Any:
    value: str = event.value
    if event.implicit[0] and value == "<<":
        raise _NeedsNodeTree  # a merge key
    tag = loader.resolve(yaml.ScalarNode, value, event.implicit)
    if tag == _STR_TAG:
        return value
    node = yaml.ScalarNode(tag, value, event.start_mark, event.end_mark, event.style)
    return loader.construct_object(node, deep=True)


def _from_node_tree(raw_text: str, config_path: Path, loader_type: type[yaml.SafeLoader]) -> YamlDocument:
    loader = loader_type(raw_text)
    try:
        node = loader.get_single_node()
        _refuse_alias_bombs(node, config_path)  # aliases never take the event path
        _refuse_duplicate_keys(node, config_path)
        lines = _line_index(node)  # before constructing: merge keys are flattened in place
        data = loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()
    return YamlDocument(data, lines)


# values the document may hold once every alias is expanded: the real feeds.yaml has
# a few thousand; a 1.5 KB file of nested aliases ("billion laughs") has billions
MAX_EXPANDED_VALUES = 200_000


def _refuse_alias_bombs(node: yaml.Node | None, config_path: Path) -> None:
    """Refuse a document whose aliases expand to more than MAX_EXPANDED_VALUES values.

    PyYAML shares an aliased node instead of copying it, so loading is cheap, but
    every walk over the values (duplicate keys, line numbers, validation) pays the
    expanded size. That size is counted here once per distinct node (memoised),
    so the check itself stays linear in the file.
    """
    if node is None:
        return
    sizes: dict[int, int] = {}

    def children(current: yaml.Node) -> list[yaml.Node]:
        if isinstance(current, yaml.MappingNode):
            return [part for pair in current.value for part in pair]
        if isinstance(current, yaml.SequenceNode):
            return list(current.value)
        return []

    # iterative post-order: nested aliases can be deep enough for the recursion limit
    stack: list[tuple[yaml.Node, bool]] = [(node, False)]
    while stack:
        current, expanded = stack.pop()
        if id(current) in sizes:
            continue
        if expanded:
            sizes[id(current)] = min(1 + sum(sizes[id(c)] for c in children(current)), 2**62)
            continue
        stack.append((current, True))
        stack.extend((child, False) for child in children(current) if id(child) not in sizes)
    if sizes[id(node)] <= MAX_EXPANDED_VALUES:
        return
    culprit = node
    while True:  # down to the smallest value that is too big by itself, for the line number
        bigger = [c for c in children(culprit) if sizes[id(c)] > MAX_EXPANDED_VALUES]
        if not bigger:
            break
        culprit = bigger[0]
    raise ConfigError(
        f"{config_path}:{culprit.start_mark.line + 1}: aliases expand to more than "
        f"{MAX_EXPANDED_VALUES:,} values (write the values out, or use fewer nested aliases)"
    )


def _refuse_duplicate_keys(node: yaml.Node | None, config_path: Path) -> None:
    if isinstance(node, yaml.MappingNode):
        seen: set[object] = set()
        for key_node, value_node in node.value:
            if key_node.value in seen:
                raise _duplicate(config_path, key_node.start_mark.line + 1, key_node.value)
            seen.add(key_node.value)
            _refuse_duplicate_keys(value_node, config_path)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            _refuse_duplicate_keys(item, config_path)


def _line_index(node: yaml.Node | None) -> dict[Path_, int]:
    index: dict[Path_, int] = {}

    def walk(current: yaml.Node, path: Path_) -> None:
        index.setdefault(path, current.start_mark.line + 1)
        if isinstance(current, yaml.MappingNode):
            for key_node, value_node in current.value:
                key = key_node.value
                index[(*path, key)] = key_node.start_mark.line + 1
                walk(value_node, (*path, key))
                index[(*path, key)] = key_node.start_mark.line + 1
        elif isinstance(current, yaml.SequenceNode):
            for i, item in enumerate(current.value):
                walk(item, (*path, i))

    if node is not None:
        walk(node, ())
    return index
