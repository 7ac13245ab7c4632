"""Turning read models into what a person sees: Rich tables and cards, or JSON.

The only place that imports Rich for output. User text always goes into `rich.text.Text` objects
(never into markup strings) after `safe_text.visible`, so `[bold]`, `:smile:` and escape sequences
in a note print literally and cannot change the terminal.
"""
