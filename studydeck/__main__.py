from studydeck.cli import main

raise SystemExit(main())
