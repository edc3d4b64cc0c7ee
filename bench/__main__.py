"""`python -m bench` runs every registered benchmark and prints one table."""

from bench.runner import main

raise SystemExit(main())
