"""``python -m advocacy`` runs the command line."""

from advocacy.cli import main

main()
