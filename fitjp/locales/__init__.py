"""Interface text in each language but English (English is in fitjp/i18n.py): same keys."""
