"""`python -m sim` runs the same command line as `sim`."""

from sim.cli import main

raise SystemExit(main())
