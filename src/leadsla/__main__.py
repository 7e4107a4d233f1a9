"""`python -m leadsla`."""

from leadsla.stop import main

main()
