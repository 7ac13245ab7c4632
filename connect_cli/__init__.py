"""connect: a personal contact journal for the terminal."""

__version__ = "0.1.0"
