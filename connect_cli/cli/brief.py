"""Before a meeting: `prep`."""
