"""The grammar of the register language; data files only."""
