# The checks of the policy files, one module per file, over a shared reporting context
# (context.py). structure.py turns JSON Schema errors into words; the others check what a schema
# cannot, on every entry whose own keys passed the schema, and build the model from them.
