"""``python -m attrib``."""

from attrib.cli import main

raise SystemExit(main())
