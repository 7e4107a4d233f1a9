"""`python -m leadsla`."""

from leadsla.cli import main

main()
