"""File formats connect writes (and reads): CSV, JSON, vCard, Markdown, iCalendar.

Each module's docstring is the precise specification of its format.
"""
