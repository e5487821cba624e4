"""How a line of plain text is laid out: shared by the readers of tables in prose
(:mod:`.money_columns` for amounts, :mod:`.job_columns` for job counts)."""

from __future__ import annotations

import re

#: a line laid out in columns: cells between pipes, or separated by runs of spaces or tabs
COLUMNS = re.compile(r"\||\S(?: {2,}|\t)\S")
