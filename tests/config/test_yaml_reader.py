"""The one-pass feeds.yaml reader gives what PyYAML's pure-Python safe loader gives.

The reference is the loader used before: ``yaml.safe_load`` for the data and a walk
of the pure-Python node tree for the line of every key path.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from monitor.config.yaml_reader import LOADER, read_document
from monitor.errors import ConfigError

ROOT = Path(__file__).resolve().parents[2]


def reference_lines(text: str) -> dict[tuple[Any, ...], int]:
    index: dict[tuple[Any, ...], int] = {}

    def walk(node: yaml.Node, path: tuple[Any, ...]) -> None:
        index.setdefault(path, node.start_mark.line + 1)
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                index[(*path, key_node.value)] = key_node.start_mark.line + 1
                walk(value_node, (*path, key_node.value))
                index[(*path, key_node.value)] = key_node.start_mark.line + 1
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                walk(item, (*path, i))

    root = yaml.compose(text, Loader=yaml.SafeLoader)
    if root is not None:
        walk(root, ())
    return index


DOCUMENTS = {
    "scalars": (
        "a: 1\nb: 1.5\nc: yes\nd: ~\ne: '12'\nf: 2024-10-01\ng: 0x1f\nh: .inf\ni: \"text\"\n"
        "j: 2024-10-01 12:00:00\nk: ''\nl:\n"
    ),
    "nesting": (
        "feeds:\n  - id: a\n    tags: [x, y]\n    more: {k: v, n: [1, [2, 3]]}\n  - id: b\nempty: []\n"
    ),
    "block text": "d: |\n  line one\n  line two\ne: >-\n  folded\n  text\n",
    "non-string keys": "1: one\ntrue: yes\nnull: nothing\n2024-01-01: day\n",
    "anchors and merge": "base: &b {x: 1, y: 2}\nuse:\n  <<: *b\n  y: 3\nlist: [*b]\n",
    "explicit tags": "a: !!str 12\nb: !!float 1\nc: ! 7\n",
    "top-level list": "- 1\n- two\n- {three: 3}\n",
    "a lone scalar": "just text\n",
    "empty": "",
    "comments only": "# nothing here\n",
}


@pytest.mark.parametrize("name", list(DOCUMENTS))
def test_data_and_lines_match_the_pure_python_loader(name: str, tmp_path: Path) -> None:
    text = DOCUMENTS[name]
    document = read_document(text, tmp_path / "feeds.yaml")
    assert document.data == yaml.safe_load(text)
    assert document.lines == reference_lines(text)


def test_the_default_feeds_yaml_reads_the_same() -> None:
    text = (ROOT / "feeds.yaml").read_text(encoding="utf-8")
    document = read_document(text, ROOT / "feeds.yaml")
    assert document.data == yaml.safe_load(text)
    assert document.lines == reference_lines(text)
    assert len(document.lines) > 100


def test_libyaml_is_used_where_present() -> None:
    assert LOADER is getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("feeds: []\nwatchlist: []\nfeeds: []\n", 3),
        ("feeds:\n  - id: a\n    url: x\n    id: b\n", 4),
        ("a: {k: 1, k: 2}\n", 1),
    ],
)
def test_duplicate_keys_are_refused_with_their_line(text: str, line: int, tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        read_document(text, tmp_path / "feeds.yaml")
    assert caught.value.message.startswith(f"{tmp_path / 'feeds.yaml'}:{line}: ")
    assert "duplicate key" in caught.value.message


@pytest.mark.parametrize(
    "text",
    [
        "feeds:\n  - id: a\n\turl: https://example.org/feed\n",
        "a: [1, 2\nb: 3\n",
        "a: 'unclosed\n",
        "a: 1\n---\nb: 2\n",
        "a: 1\n  b: 2\n",
    ],
)
def test_broken_yaml_raises_the_pure_python_loaders_error(text: str, tmp_path: Path) -> None:
    with pytest.raises(yaml.YAMLError) as expected:
        yaml.compose(text, Loader=yaml.SafeLoader)
    with pytest.raises(yaml.YAMLError) as caught:
        read_document(text, tmp_path / "feeds.yaml")
    assert str(caught.value) == str(expected.value)


def test_a_syntax_error_after_a_duplicate_key_is_reported_as_the_syntax_error(tmp_path: Path) -> None:
    with pytest.raises(yaml.YAMLError):
        read_document("a: 1\na: 2\nb: [1, 2\n", tmp_path / "feeds.yaml")
