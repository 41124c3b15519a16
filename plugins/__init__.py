"""Built-in partner plugins, one package per partner office."""
