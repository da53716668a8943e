"""The offline stages: read inputs, then find a document's references, citations and claims.

``citecheck parse`` needs only these, so they live apart from the checking pipeline
(:mod:`citecheck.pipeline`, which re-exports them): the command does not import the
comparison, the resolvers or the results file at every start.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace

from citecheck.citations import find_citations
from citecheck.claims import extract_claims
from citecheck.errors import ReadError
from citecheck.inputs import expand
from citecheck.link_citations import find_link_citations, with_anchor_claims
from citecheck.model import Document, InputError, ParsedDocument, Reference
from citecheck.readers import MAX_INPUT_BYTES, read
from citecheck.references import find_references
from citecheck.studytype import classify_title


def parse(document: Document) -> ParsedDocument:
    """Everything that can be read from one document without the network."""
    reference_list = find_references(document)
    references = tuple(with_study_type(r) for r in reference_list.references)
    reference_list = replace(reference_list, references=references)
    citations = find_citations(document, reference_list)
    # Scholarly links in the prose cite too: entries they share an identifier with, or
    # link references of their own.
    linked = find_link_citations(document, reference_list)
    if linked.citations:
        references += linked.references
        citations = tuple(sorted((*citations, *linked.citations), key=lambda c: c.start))
    claims = extract_claims(document, citations)
    if linked.citations:
        claims = with_anchor_claims(claims, linked.citations, document)
    return ParsedDocument(document, references, citations, claims)


def with_study_type(reference: Reference) -> Reference:
    """``reference`` with the study design its title names, when it has a title."""
    if not reference.fields.title:
        return reference
    design = classify_title(reference.fields.title).study_type
    # Made field by field rather than by dataclasses.replace (five times the cost, for
    # every entry of every document); tests/test_model.py keeps the fields in step.
    r = reference
    return Reference(r.label, r.line, r.text, r.style, r.parsed, r.fields, design, r.kind)


def read_all(
    paths: Sequence[str], input_format: str | None = None, max_bytes: int = MAX_INPUT_BYTES
) -> tuple[list[Document], list[InputError]]:
    """Read every input; an unreadable one becomes an InputError and the rest go on."""
    files, errors = expand(paths)
    documents = []
    for path in files:
        try:
            documents.append(read(path, input_format, max_bytes))
        except ReadError as exc:
            errors.append(InputError(exc.path, exc.cause))
    return documents, errors


def parse_all(
    paths: Sequence[str], input_format: str | None = None, max_bytes: int = MAX_INPUT_BYTES
) -> Iterator[ParsedDocument | InputError]:
    """Every input read and parsed in turn, one held at a time (the path errors first); an
    unreadable one is an InputError and the rest go on.
    """
    files, errors = expand(paths)
    yield from errors
    for path in files:
        try:
            document = read(path, input_format, max_bytes)
        except ReadError as exc:
            yield InputError(exc.path, exc.cause)
            continue
        yield parse(document)
