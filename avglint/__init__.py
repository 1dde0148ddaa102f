"""avglint: a compliance linter for GDPR (AVG) processing registers and privacy statements."""

__version__ = "0.1.0"
