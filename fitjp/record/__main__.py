import sys

from fitjp.record.cli import main

sys.exit(main())
