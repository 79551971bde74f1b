"""One module per CLI command: ``run(args, env) -> exit code``; domain logic lives elsewhere."""
