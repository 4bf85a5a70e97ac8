"""``python -m advocacy`` runs the command line."""

from advocacy.cli.app import main

main()
