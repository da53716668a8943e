"""Expanding command-line paths: files, directories, globs, stdin, missing paths."""

from __future__ import annotations

from pathlib import Path

import pytest

from citecheck import inputs
from citecheck.inputs import expand
from citecheck.model import InputError

TREE = [
    "a.txt",
    "b.md",
    "notes.pdf",
    ".hidden.md",
    "sub/c.html",
    "sub/d.HTM",
    "sub/e.docx",
    "sub/deeper/f.markdown",
    ".git/g.md",
    ".venv/h.txt",
    "node_modules/i.md",
    "empty/image.png",
]


@pytest.fixture()
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder of articles and other files; the test runs inside it."""
    for name in TREE:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x")
    monkeypatch.chdir(tmp_path)
    return tmp_path


NO_ARTICLES = (
    "no articles (.txt, .md, .html, .htm, .docx, .tex, .typ, .adoc, .rst, .org) in this directory"
)


@pytest.mark.parametrize(
    ("paths", "files", "errors"),
    [
        (["a.txt"], ["a.txt"], []),
        (["notes.pdf"], ["notes.pdf"], []),
        (["-"], ["-"], []),
        (
            ["."],
            ["./a.txt", "./b.md", "./sub/c.html", "./sub/d.HTM", "./sub/deeper/f.markdown",
             "./sub/e.docx"],
            [],
        ),
        (["sub"], ["sub/c.html", "sub/d.HTM", "sub/deeper/f.markdown", "sub/e.docx"], []),
        (["*.md"], ["b.md"], []),
        (["sub/?.html"], ["sub/c.html"], []),
        (["**/*.html"], ["sub/c.html"], []),
        (["**/deeper"], ["sub/deeper/f.markdown"], []),
        (["a.txt", "*.txt", "a.txt"], ["a.txt"], []),
        (["b.md", "a.txt"], ["b.md", "a.txt"], []),
        (["missing.md"], [], [InputError("missing.md", "no such file or directory")]),
        (["empty"], [], [InputError("empty", NO_ARTICLES)]),
        (["*.rst"], [], [InputError("*.rst", "no files match this pattern")]),
        (["missing", "a.txt"], ["a.txt"], [InputError("missing", "no such file or directory")]),
    ],
)  # fmt: skip
def test_expand(tree: Path, paths: list[str], files: list[str], errors: list[InputError]) -> None:
    assert expand(paths) == (files, errors)


def test_error_renders_as_one_line() -> None:
    assert str(InputError("x.md", "no such file or directory")) == "x.md: no such file or directory"


def test_a_folder_scan_leaves_out_the_html_reports_citecheck_wrote(tmp_path: Path) -> None:
    from citecheck.model import Report
    from citecheck.report import html

    (tmp_path / "post.html").write_text("<p>An article [1].</p>", encoding="utf-8")
    (tmp_path / "audit.html").write_text(html.render(Report(())), encoding="utf-8")
    assert html.GENERATOR in (tmp_path / "audit.html").read_text(encoding="utf-8")
    assert list(inputs.articles_in(str(tmp_path))) == [str(tmp_path / "post.html")]
    assert inputs.is_report(str(tmp_path / "audit.html"))
