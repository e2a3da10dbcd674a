"""Pydantic models in one marshal blob, read back without validating them again.

Why: start-up reads every record and passage of an index version. At 100× the corpus (60k of
each) validating them from SQLite rows or JSON lines takes 8 s; rebuilding each model from its
stored `__dict__` takes 0.4 s. That is safe because the build validated every model before writing
it and the version's manifest checksums the file (verified on load). Nested models (the `Period`
every row of a document shares) are stored once, validated on read and shared again. Anything in a
model's `__dict__` beyond its fields (a passage's cached search text) comes back with it.

marshal's format belongs to one Python version; `FORMAT` names it, and the index fingerprint
includes it, so another interpreter builds its own version rather than misreading this one.
"""

import gc
import marshal
import sys
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from pydantic import BaseModel

FORMAT = f"compact-1/python-{sys.version_info[0]}.{sys.version_info[1]}/marshal-{marshal.version}"


def dump_models(models: Iterable[BaseModel]) -> bytes:
    """The models as one blob; ValueError if some value is not a plain Python value or a model."""
    shared: dict[tuple[str, str], int] = {}
    by_object: dict[int, int] = {}
    nested: list[tuple[str, str]] = []
    rows = []
    for model in models:
        state = dict(model.__dict__)
        refs = []
        for name, value in state.items():
            if isinstance(value, BaseModel):
                index = by_object.get(id(value))
                if index is None:
                    key = (type(value).__name__, value.model_dump_json())
                    index = shared.setdefault(key, len(nested))
                    if index == len(nested):
                        nested.append(key)
                    by_object[id(value)] = index
                refs.append((name, index))
                state[name] = None
        fields_set = model.model_fields_set
        stored_set = None if fields_set == set(type(model).model_fields) else tuple(sorted(fields_set))
        rows.append((type(model).__name__, state, tuple(refs), stored_set, model.__pydantic_private__,
                     model.__pydantic_extra__))
    return marshal.dumps((FORMAT, nested, rows))


@contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic garbage collection while millions of acyclic objects are made: each collection
    would walk all of them again (it doubles the time of reading 60k records)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def load_models(blob: bytes, classes: Mapping[str, type[BaseModel]]) -> list[Any]:
    """The models of `dump_models`; `classes` names every model class the blob may hold, nested ones too."""
    with gc_paused():
        return _load(blob, classes)


def _load(blob: bytes, classes: Mapping[str, type[BaseModel]]) -> list[Any]:
    stored_format, nested, rows = marshal.loads(blob)
    if stored_format != FORMAT:
        raise ValueError(f"written as {stored_format}, this process reads {FORMAT}")
    shared = [classes[name].model_validate_json(text) for name, text in nested]
    fields = {name: frozenset(cls.model_fields) for name, cls in classes.items()}
    new, assign = object.__new__, object.__setattr__
    models = []
    for name, state, refs, fields_set, private, extra in rows:
        for field, index in refs:
            state[field] = shared[index]
        model = new(classes[name])
        assign(model, "__dict__", state)
        assign(model, "__pydantic_fields_set__", set(fields[name] if fields_set is None else fields_set))
        assign(model, "__pydantic_private__", private)
        assign(model, "__pydantic_extra__", extra)
        models.append(model)
    return models
