"""A hot query's SQL compiled once per process (issue 14).

The head of a public edition or of an API detail is read on every request, 304s included, by one
query with a dozen subqueries; building and compiling that queryset in the ORM costs several
times what PostgreSQL spends running it. CompiledQuery asks the ORM for the SQL once, with a
sentinel in place of the one value that changes (the strategy's id), and then runs the same SQL
with the value: the same query, without the Python.
"""

import threading
from collections.abc import Callable

from django.db import connections
from django.db.models import QuerySet


class CompiledQuery:
    """`build(value)` gives a .values() queryset filtered by `value` (an integer id); `first(value)`
    runs its SQL with that value and returns its first row as {column alias: value}, or None.

    Compiled on PostgreSQL only, where the driver returns every value as the ORM would (aware
    datetimes, integers); elsewhere (the embedded SQLite default) the queryset runs as built.
    """

    SENTINEL = -7_013_572_119  # never an id

    def __init__(self, build: Callable[[int], QuerySet]):
        self.build = build
        self.compiled: tuple[str, tuple, tuple[int, ...], str] | None = None
        self.lock = threading.Lock()

    def _compile(self) -> tuple[str, tuple, tuple[int, ...], str]:
        queryset = self.build(self.SENTINEL)
        sql, params = queryset.query.sql_with_params()
        positions = tuple(i for i, param in enumerate(params) if param == self.SENTINEL)
        if not positions:
            raise ValueError("the queryset does not use the value it is built with")
        return sql, tuple(params), positions, queryset.db

    def first(self, value: int) -> dict | None:
        if self.compiled is None:
            with self.lock:
                if self.compiled is None:
                    self.compiled = self._compile()
        sql, params, positions, alias = self.compiled
        connection = connections[alias]
        if connection.vendor != "postgresql":
            return self.build(value).first()
        values = list(params)
        for position in positions:
            values[position] = value
        with connection.cursor() as cursor:
            cursor.execute(sql, values)
            row = cursor.fetchone()
            names = [column.name for column in cursor.description]
        return None if row is None else dict(zip(names, row, strict=True))
