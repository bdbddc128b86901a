tag --include-boilerplate
